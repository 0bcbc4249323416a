/**
 * skitter's HTTP model: requests, responses and the helpers around them (Scrapy's `scrapy.http`).
 * @module
 */
export { Headers, type HeadersInput } from './headers.ts';
export { Request, type RequestInit, type RequestChanges, type RequestCookies, type Callback, type Errback } from './request.ts';
export { FormRequest, type FormRequestInit, type FromResponseInit, type FormData, type FormSelection } from './form-request.ts';
export { JsonRequest, type JsonRequestInit } from './json-request.ts';
export { Response, type ResponseInit, type ResponseChanges, type ResponseClass, type FollowTarget } from './response.ts';
export { TextResponse, type TextResponseInit, type FollowAllTargets } from './text-response.ts';
export { HtmlResponse } from './html-response.ts';
export { XmlResponse } from './xml-response.ts';
export { responseFor, responseClassFor, responseClassForMimeType } from './response-types.ts';
export { detectEncoding, decodeBody, normalizeEncoding, contentTypeCharset, type EncodingKind } from './encoding.ts';
export { fingerprint, canonicalizeUrl, type CanonicalizeUrlOptions } from './fingerprint.ts';
