/**
 * HTML helpers of the demo site: escaping and the shared page layout.
 * @module
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

/** The store's name, in every `<title>` and header. */
export const SITE_NAME = 'Skitter Demo Store';

const STYLE = 'body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem;color:#222}'
  + 'header,footer{padding:1rem 0;border-bottom:1px solid #ddd}footer{border-top:1px solid #ddd;border-bottom:0}'
  + '.price{font-weight:bold}.product-list{list-style:none;padding:0}.product-card{margin:0 0 1rem}'
  + 'table.specs td,table.specs th{text-align:left;padding:.2rem .6rem}';

/** A complete UTF-8 page: header (home and about links), `main`, footer. */
export function layout(title: string, main: string): string {
  return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    + `<title>${escapeHtml(title)} | ${SITE_NAME}</title>\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `<style>${STYLE}</style>\n</head>\n<body>\n`
    + `<header><a class="brand" href="/">${SITE_NAME}</a>\n`
    + '<nav class="main-nav"><a href="/">Home</a> <a href="/about">About us</a></nav></header>\n'
    + `<main>\n${main}</main>\n`
    + `<footer><p>&copy; 2024 ${SITE_NAME}. A generated catalogue for crawler tests; every product is fictional.</p></footer>\n`
    + '</body>\n</html>\n';
}
