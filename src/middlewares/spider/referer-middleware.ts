import type { Crawler } from '../../core/crawler.ts';
import { signals } from '../../core/signals.ts';
import { NotConfigured } from '../../errors/not-configured.ts';
import { SettingsError } from '../../errors/settings-error.ts';
import type { Request } from '../../http/request.ts';
import { Response } from '../../http/response.ts';
import { BaseSpiderMiddleware } from './base-spider-middleware.ts';
import { REFERRER_POLICIES, resolveReferrerPolicy, type ReferrerPolicy } from './referrer-policies.ts';

/**
 * Sets the `Referer` header of requests a callback yields to the URL of the response they come
 * from, as the referrer policy allows. The policy is, in order: the request's
 * `meta.referrer_policy`, the response's `Referrer-Policy` header, the REFERRER_POLICY setting
 * (an unknown name in meta or the header is warned about and ignored). A Referer the request
 * already has is kept. Start requests get none. Redirected requests get their Referer re-checked
 * against the policy when they are scheduled (the Referer stands for the parent page).
 *
 * Settings: REFERER_ENABLED (default true; false raises NotConfigured), REFERRER_POLICY (a W3C
 * policy name, `scrapy-default` (default), or a {@link ReferrerPolicy} object).
 * Order in SPIDER_MIDDLEWARES_BASE: 700.
 *
 * Browsers and MV3 service workers do not let `fetch` set a Referer header; there the download
 * handler decides what to do with it.
 * @throws {NotConfigured} when REFERER_ENABLED is false.
 * @throws {SettingsError} for an unknown REFERRER_POLICY.
 * @see https://docs.scrapy.org/en/latest/topics/spider-middleware.html#module-scrapy.spidermiddlewares.referer
 */
export class RefererMiddleware extends BaseSpiderMiddleware {
  /** The policy used when neither meta nor the response names one. */
  readonly defaultPolicy: ReferrerPolicy;

  constructor(crawler: Crawler) {
    super(crawler);
    if (!crawler.settings.getBool('REFERER_ENABLED', true)) throw new NotConfigured('REFERER_ENABLED is false');
    const setting = crawler.settings.get<unknown>('REFERRER_POLICY', 'scrapy-default');
    const policy = resolveReferrerPolicy(setting);
    if (!policy) {
      throw new SettingsError(`[skitter] RefererMiddleware: unknown REFERRER_POLICY ${JSON.stringify(setting)}; use one of ${Object.keys(REFERRER_POLICIES).filter(Boolean).map((n) => `'${n}'`).join(', ')}, or a policy object with referrer(responseUrl, requestUrl).`);
    }
    this.defaultPolicy = policy;
    crawler.signals.connect(signals.requestScheduled, ({ request }) => this.#fixRedirected(request));
  }

  /**
   * The policy for `request` sent from `parent` (a response, or a URL standing for one).
   * @see Scrapy's `RefererMiddleware.policy`
   */
  policy(parent: Response | string, request: Request): ReferrerPolicy {
    let name: unknown = request.meta.referrer_policy;
    if (name == null && parent instanceof Response) name = parent.headers.get('Referrer-Policy') ?? undefined;
    if (name == null) return this.defaultPolicy;
    const policy = resolveReferrerPolicy(name);
    if (policy) return policy;
    this.crawler.logger.warning(`Could not load referrer policy ${JSON.stringify(name)}; using ${this.defaultPolicy.name || "''"}`);
    return this.defaultPolicy;
  }

  override getProcessedRequest(request: Request, response: Response | null): Request {
    if (response === null) return request;
    const referrer = this.policy(response, request).referrer(response.url, request.url);
    if (referrer !== null) request.headers.setDefault('Referer', referrer);
    return request;
  }

  /** A redirect keeps the original Referer: apply the policy again to the new URL. */
  #fixRedirected(request: Request): void {
    const redirected = request.meta.redirect_urls;
    if (!Array.isArray(redirected) || redirected.length === 0) return;
    const current = request.headers.get('Referer');
    if (current === null) return;
    const referrer = this.policy(current, request).referrer(current, request.url);
    if (referrer === current) return;
    if (referrer === null) request.headers.delete('Referer');
    else request.headers.set('Referer', referrer);
  }
}
