import { NotSupportedError } from '../errors/not-supported-error.ts';

/**
 * The standard DOM `Document` type where the DOM typings are loaded (pages, and any project whose
 * `lib` includes `DOM`), `unknown` elsewhere: the engine itself is compiled without DOM typings.
 */
export type DomDocument = typeof globalThis extends { Document: { prototype: infer D } } ? D : unknown;

/** MIME types a {@link DocumentParser} is asked for. */
export type DocumentMimeType = 'text/html' | 'text/xml';

/** Parses markup into a standard DOM `Document` (the shape of `DOMParser.parseFromString`). */
export type DocumentParser = (markup: string, mimeType: DocumentMimeType) => DomDocument;

let installed: DocumentParser | undefined;

/**
 * Sets how `response.dom` parses documents in this realm (page, worker, process). The Node and MV3
 * entries and `runInWorker`'s worker install linkedom; pages use the browser's `DOMParser` without
 * any call. Call it yourself in a Web Worker of your own that imports `skitter/web`:
 * @example
 * import { DOMParser } from 'linkedom/worker';
 * installDocumentParser((markup, type) => new DOMParser().parseFromString(markup, type));
 */
export function installDocumentParser(parser: DocumentParser): void {
  installed = parser;
}

/** A parser backed by a `DOMParser` class (the browser's or linkedom's). */
export function domParserFrom(DomParserClass: new () => { parseFromString(markup: string, type: string): unknown }): DocumentParser {
  return (markup, mimeType) => new DomParserClass().parseFromString(markup, mimeType) as DomDocument;
}

/**
 * The parser `response.dom` uses: the installed one, else the realm's own `DOMParser`.
 * @throws {NotSupportedError} in a realm with neither (a Web Worker of your own: see
 * {@link installDocumentParser}).
 */
export function documentParser(): DocumentParser {
  if (installed) return installed;
  const NativeDomParser = (globalThis as { DOMParser?: new () => { parseFromString(markup: string, type: string): unknown } }).DOMParser;
  if (typeof NativeDomParser === 'function') return (installed = domParserFrom(NativeDomParser));
  throw new NotSupportedError(
    '[skitter] response.dom: this runtime has no DOMParser and no document parser was installed. In a Web Worker of your own, '
      + "call installDocumentParser() with linkedom's DOMParser (import { DOMParser } from 'linkedom/worker'); runInWorker, Node and MV3 do this for you.",
  );
}
