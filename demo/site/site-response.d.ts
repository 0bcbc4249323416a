/**
 * The demo site's response shape and the headers every response carries.
 * @module
 */
/** One HTTP response of the demo site, as a plain value (no Node or fetch types). */
export interface SiteResponse {
    /** HTTP status code. */
    status: number;
    /** Header names in lower case. */
    headers: Record<string, string>;
    /** A string is sent as UTF-8; bytes are sent as they are. Empty for OPTIONS and redirects. */
    body: string | Uint8Array;
}
/**
 * CORS headers on every response: browser-hosted crawls fetch the demo from another origin
 * (the vite dev server, an extension) and read headers such as `Location` and `Content-Type`.
 */
export declare const CORS_HEADERS: Readonly<Record<string, string>>;
/** A response with the CORS headers merged in. */
export declare function siteResponse(status: number, contentType: string | undefined, body: string | Uint8Array, extra?: Record<string, string>): SiteResponse;
/** A UTF-8 HTML response. */
export declare function htmlResponse(status: number, body: string): SiteResponse;
/** The answer to a CORS preflight: allows any method and header for a day. */
export declare function preflightResponse(): SiteResponse;
//# sourceMappingURL=site-response.d.ts.map