import { type Catalogue, type CatalogueOptions } from './catalogue.ts';
/** Options of {@link startDemoSite}: the catalogue's options plus where to listen. */
export interface DemoSiteOptions extends CatalogueOptions {
    /** TCP port; 0 picks a free one. @default 0 */
    port?: number;
    /** Interface to listen on; only loopback is supported. @default '127.0.0.1' */
    host?: '127.0.0.1';
}
/** A running demo site. */
export interface DemoSite {
    /** Origin without a trailing slash, e.g. `http://127.0.0.1:8123`. */
    readonly url: string;
    readonly port: number;
    readonly catalogue: Catalogue;
    /** Requests received so far (every method, preflights included, every path). */
    readonly requestCount: number;
    /**
     * Requests received for `path`, CORS preflights (OPTIONS) excluded: a bare path
     * (`/category/kitchen`) counts every query string, a path with `?` counts that exact target.
     */
    requestsFor(path: string): number;
    /** Stops listening and closes every connection, idle or not. */
    close(): Promise<void>;
}
/**
 * Starts the demo site.
 * @throws {RangeError} on invalid catalogue options.
 * @throws {Error} when the port is taken (`EADDRINUSE`).
 */
export declare function startDemoSite(options?: DemoSiteOptions): Promise<DemoSite>;
//# sourceMappingURL=server.d.ts.map