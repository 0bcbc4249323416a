import { describe, expect, it } from 'vitest';
import { FormRequest } from '../../src/http/form-request.ts';
import { HtmlResponse } from '../../src/http/html-response.ts';
import { Request } from '../../src/http/request.ts';

const dec = new TextDecoder();
const body = (r: Request) => dec.decode(r.body);

describe('FormRequest', () => {
  it('POSTs url-encoded form data by default', () => {
    const r = new FormRequest('https://example.com/login', { formdata: { user: 'a b', pass: 'x&y=é', tags: ['1', '2'] } });
    expect(r.method).toBe('POST');
    expect(body(r)).toBe('user=a+b&pass=x%26y%3D%C3%A9&tags=1&tags=2');
    expect(r.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
  });

  it('accepts pairs and keeps a given Content-Type', () => {
    const r = new FormRequest('https://example.com/', {
      formdata: [['b', '2'], ['a', "it's (1)*"]],
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
    expect(body(r)).toBe('b=2&a=it%27s+%281%29%2A');
    expect(r.headers.getAll('content-type')).toEqual(['application/x-www-form-urlencoded; charset=UTF-8']);
  });

  it('puts form data in the query string for GET, replacing the query', () => {
    const r = new FormRequest('https://example.com/search?old=1#top', { method: 'get', formdata: { q: 'red shoes' } });
    expect(r.method).toBe('GET');
    expect(r.url).toBe('https://example.com/search?q=red+shoes#top');
    expect(r.body.length).toBe(0);
    expect(r.headers.has('content-type')).toBe(false);
  });

  it('is a plain request without form data', () => {
    const r = new FormRequest('https://example.com/');
    expect(r.method).toBe('GET');
    expect(r.headers.size).toBe(0);
    expect(() => new FormRequest('relative', { formdata: { a: '1' }, method: 'GET' })).toThrow('missing scheme');
  });
});

const PAGE = `<!doctype html><html><head><base href="https://example.com/app/"></head><body>
<form name="search" action="/search" method="get"><input name="q" value="old"><input type="submit" name="go" value="Go"></form>
<form id="login" action=" login " method="POST">
  <input type="hidden" name="csrf" value="tok123">
  <input name="user">
  <input type="password" name="pass" value="">
  <input type="checkbox" name="remember" checked>
  <input type="checkbox" name="newsletter" value="yes">
  <input type="radio" name="plan" value="free">
  <input type="radio" name="plan" value="pro" checked>
  <select name="country"><option value="fr">France</option><option value="jp" selected>Japan</option></select>
  <select name="lang"><option disabled>pick</option><option>  English </option></select>
  <select name="tags" multiple><option value="a" selected>A</option><option value="b">B</option><option value="c" selected>C</option></select>
  <textarea name="bio">Hello &amp; bye</textarea>
  <input type="reset" name="reset" value="Reset">
  <button name="action" value="login">Log in</button>
  <input type="submit" name="action2" value="Other">
  <input type="image" name="img" value="i">
</form>
<div class="wrap"><form action="/third" method="put"><span class="inner">x</span><input name="z" value="1"></form></div>
</body></html>`;

function page(): HtmlResponse {
  return new HtmlResponse({ url: 'https://example.com/app/page', body: new TextEncoder().encode(PAGE), headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

describe('FormRequest.fromResponse', () => {
  it('submits the first form with its values and first submit control', () => {
    const r = FormRequest.fromResponse(page());
    expect(r).toBeInstanceOf(FormRequest);
    expect(r.method).toBe('GET');
    expect(r.url).toBe('https://example.com/search?q=old&go=Go');
  });

  it('reads every kind of field of a chosen form, with formdata overriding', () => {
    const r = FormRequest.fromResponse(page(), { formid: 'login', formdata: { user: 'me', pass: 'secret', tags: null } });
    expect(r.method).toBe('POST');
    expect(r.url).toBe('https://example.com/app/login');
    expect(r.encoding).toBe('utf-8');
    expect(r.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(body(r)).toBe(
      'csrf=tok123&remember=on&plan=pro&country=jp&lang=English&bio=Hello+%26+bye&action=login&user=me&pass=secret',
    );
  });

  it('honours dontClick, clickdata, formname, formnumber, formcss and formxpath', () => {
    const resp = page();
    expect(body(FormRequest.fromResponse(resp, { formid: 'login', dontClick: true, formdata: { tags: null } })))
      .not.toContain('action');
    expect(body(FormRequest.fromResponse(resp, { formid: 'login', clickdata: { name: 'action2' } })))
      .toContain('&action2=Other');
    expect(FormRequest.fromResponse(resp, { formname: 'search', formdata: { q: 'new' } }).url)
      .toBe('https://example.com/search?go=Go&q=new');
    const third = FormRequest.fromResponse(resp, { formnumber: 2 });
    expect(third.method).toBe('GET');
    expect(third.url).toBe('https://example.com/third?z=1');
    expect(FormRequest.fromResponse(resp, { formcss: 'span.inner' }).url).toBe('https://example.com/third?z=1');
    expect(FormRequest.fromResponse(resp, { formxpath: '//span[@class="inner"]' }).url).toBe('https://example.com/third?z=1');
    expect(FormRequest.fromResponse(resp, { formid: 'login', url: 'other', method: 'post', dontClick: true }).url)
      .toBe('https://example.com/app/other');
  });

  it('throws clear errors when no form matches', () => {
    const resp = page();
    expect(() => FormRequest.fromResponse(resp, { formnumber: 7 })).toThrow(
      '[skitter] FormRequest.fromResponse: form number 7 not found in <200 https://example.com/app/page> (it has 3)',
    );
    expect(() => FormRequest.fromResponse(resp, { formcss: 'p.none' })).toThrow(
      '[skitter] FormRequest.fromResponse: no <form> element found with formcss "p.none" in <200 https://example.com/app/page>',
    );
    expect(() => FormRequest.fromResponse(resp, { formid: 'login', clickdata: { name: 'nope' } })).toThrow(
      '[skitter] FormRequest.fromResponse: no clickable element matches clickdata {"name":"nope"}',
    );
    const empty = new HtmlResponse({ url: 'https://example.com/', body: '<p>no forms</p>' });
    expect(() => FormRequest.fromResponse(empty)).toThrow(
      '[skitter] FormRequest.fromResponse: no <form> element found in <200 https://example.com/>',
    );
  });
});
