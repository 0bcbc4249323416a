import { findForm, formDataPairs, formSubmission, type FormData, type FormSelection } from './form-fields.ts';
import { Request, type RequestInit } from './request.ts';
import type { TextResponse } from './text-response.ts';

export type { FormData, FormSelection } from './form-fields.ts';

/** Options of {@link FormRequest}: {@link RequestInit} plus the form data. */
export interface FormRequestInit extends RequestInit {
  /** Fields to send, `application/x-www-form-urlencoded` (UTF-8). `null` values are dropped. */
  formdata?: FormData;
}

/** Options of {@link FormRequest.fromResponse}. */
export interface FromResponseInit extends FormRequestInit, FormSelection {
  /** Submit to this URL (resolved against the page) instead of the form's `action`. */
  url?: string;
}

/** Python's `urlencode` of `[name, value]` pairs: UTF-8, spaces as `+`, only `A-Za-z0-9-._~` left as is. */
function urlencode(pairs: Iterable<[string, string]>): string {
  let out = '';
  for (const [name, value] of pairs) out += (out ? '&' : '') + quotePlus(name) + '=' + quotePlus(value);
  return out;
}

function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

function isEmpty(formdata: FormData | undefined): boolean {
  if (formdata == null) return true;
  if (Array.isArray(formdata)) return formdata.length === 0;
  if (typeof (formdata as Iterable<unknown>)[Symbol.iterator] === 'function') return false;
  return Object.keys(formdata).length === 0;
}

const FORM_METHODS = new Set(['GET', 'POST']);

/**
 * A request that submits form data: as a `application/x-www-form-urlencoded` POST body (the
 * default method when `formdata` is given), or, for any other method, as the URL's query string
 * (replacing the existing one, as Scrapy does). Without `formdata` it is a plain {@link Request}.
 * Fields are always encoded as UTF-8.
 * @example
 * new FormRequest('https://example.com/login', { formdata: { user: 'me', pass: 'secret' }, callback: this.afterLogin })
 * @see Scrapy's `scrapy.FormRequest`
 */
export class FormRequest extends Request {
  /**
   * @throws {TypeError} as {@link Request}.
   */
  constructor(url: string, init: FormRequestInit = {}) {
    const { formdata, ...rest } = init;
    let requestUrl = url;
    let requestInit: RequestInit = rest;
    if (!isEmpty(formdata)) {
      const query = urlencode(formDataPairs(formdata!).filter((p): p is [string, string] => p[1] !== null));
      const method = (rest.method ?? 'POST').toUpperCase();
      if (method === 'POST') requestInit = { ...rest, method, body: query };
      else {
        requestInit = { ...rest, method };
        requestUrl = withQuery(url, query);
      }
    }
    super(requestUrl, requestInit);
    if (this.method === 'POST' && !isEmpty(formdata)) {
      this.headers.setDefault('Content-Type', 'application/x-www-form-urlencoded');
    }
  }

  /**
   * A request submitting a form of `response` as a browser would: the form's fields with their
   * current values (text inputs, textareas, selects, checked checkboxes and radios), overridden
   * by `formdata`, plus the first submit control (or the one `clickdata` identifies) unless
   * `dontClick`. URL from the form's `action` (resolved against the page, honouring `<base>`),
   * method from its `method` (`GET` unless `POST`). `encoding` defaults to the page's encoding.
   * @example
   * FormRequest.fromResponse(response, { formdata: { user: 'me' }, callback: this.afterLogin })
   * @throws {Error} when the page has no form, `formcss`/`formxpath` match none, `formnumber` is
   *   out of range, or `clickdata` matches no element or several.
   * @see Scrapy's `FormRequest.from_response`
   */
  static fromResponse<T extends FormRequest>(
    this: new (url: string, init: FormRequestInit) => T,
    response: TextResponse,
    init: FromResponseInit = {},
  ): T {
    const {
      formname, formid, formcss, formxpath, formnumber, clickdata, dontClick, formdata, url, method, ...rest
    } = init;
    const selection: FormSelection = { formname, formid, formcss, formxpath, formnumber, clickdata, dontClick };
    const form = findForm(response, selection);
    const pairs = formSubmission(form, formdata, selection);
    const action = form.attribs.action;
    const target = url !== undefined
      ? response.urljoin(url)
      : response.urljoin(action === undefined ? '' : action.replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, ''));
    let formMethod = (method ?? form.attribs.method ?? 'GET').toUpperCase();
    if (!FORM_METHODS.has(formMethod)) formMethod = 'GET';
    return new this(target, {
      ...rest,
      encoding: rest.encoding ?? response.encoding,
      method: formMethod,
      formdata: pairs,
    });
  }
}

function withQuery(url: string, query: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url; // Request's constructor reports the bad URL.
  }
  u.search = query;
  return u.href;
}
