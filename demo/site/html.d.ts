/**
 * HTML helpers of the demo site: escaping and the shared page layout.
 * @module
 */
/** Escapes text for HTML element content and double-quoted attributes. */
export declare function escapeHtml(text: string): string;
/** The store's name, in every `<title>` and header. */
export declare const SITE_NAME = "Skitter Demo Store";
/** A complete UTF-8 page: header (home and about links), `main`, footer. */
export declare function layout(title: string, main: string): string;
//# sourceMappingURL=html.d.ts.map