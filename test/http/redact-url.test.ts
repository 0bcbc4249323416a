import { describe, expect, it } from 'vitest';
import { Request } from '../../src/node.ts';
import { hasUserinfo, redactCredentials, redactUrl, splitUserinfo } from '../../src/http/redact-url.ts';

describe('URL credentials', () => {
  it('redactUrl hides the whole userinfo and leaves other URLs alone', () => {
    expect(redactUrl('http://user:pa%40ss@host.test:8080/p?q=a@b#f')).toBe('http://***@host.test:8080/p?q=a@b#f');
    expect(redactUrl('https://token@host.test/')).toBe('https://***@host.test/');
    expect(redactUrl('http://host.test/?mail=a@b.test')).toBe('http://host.test/?mail=a@b.test');
    expect(redactUrl('mailto:a@b.test')).toBe('mailto:a@b.test');
    expect(String(new Request('http://u:p@host.test/x'))).toBe('<GET http://***@host.test/x>');
  });

  it('redactCredentials hides the userinfo of every URL in a text', () => {
    expect(redactCredentials('Gave up <GET http://u:secret@a.test/> after ftp://me:pw@b.test/x, see http://c.test/?a=b@c'))
      .toBe('Gave up <GET http://***@a.test/> after ftp://***@b.test/x, see http://c.test/?a=b@c');
  });

  it('splitUserinfo gives the URL without credentials and the decoded user and password', () => {
    expect(splitUserinfo('http://al%20ice:p%3Ass@host.test/a')).toEqual({ url: 'http://host.test/a', user: 'al ice', password: 'p:ss' });
    expect(splitUserinfo('http://host.test/a@b')).toBeUndefined();
    expect(hasUserinfo('http://host.test/a@b')).toBe(false);
    expect(hasUserinfo('http://x@host.test/')).toBe(true);
  });
});
