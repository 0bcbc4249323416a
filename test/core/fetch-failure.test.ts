import { describe, expect, it } from 'vitest';
import { describeFetchFailure } from '../../src/core/downloader/handlers/fetch-failure.ts';

function fetchFailed(cause?: unknown): TypeError {
  return new TypeError('fetch failed', cause === undefined ? undefined : { cause });
}

function withCode(message: string, code: string, name = 'Error'): Error {
  const e = Object.assign(new Error(message), { code });
  e.name = name;
  return e;
}

describe('describeFetchFailure (undici 7 and 8 cause chains, browsers)', () => {
  it('takes the first code down the chain', () => {
    expect(describeFetchFailure(fetchFailed(withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'))))
      .toEqual({ code: 'ECONNREFUSED', reason: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(describeFetchFailure(fetchFailed(withCode('other side closed', 'UND_ERR_SOCKET', 'SocketError'))))
      .toEqual({ code: 'UND_ERR_SOCKET', reason: 'UND_ERR_SOCKET: other side closed' });
  });

  it('reads the first error of an AggregateError (several addresses tried)', () => {
    const aggregate = new AggregateError([withCode('connect ECONNREFUSED ::1:80', 'ECONNREFUSED'), withCode('connect ECONNREFUSED 127.0.0.1:80', 'ECONNREFUSED')], '');
    expect(describeFetchFailure(fetchFailed(aggregate)).code).toBe('ECONNREFUSED');
  });

  it('falls back to the name of a specific error without a code, then to FETCH_FAILED', () => {
    const parser = new Error('Response does not match the HTTP/1.1 protocol (Invalid status code)');
    parser.name = 'HTTPParserError';
    expect(describeFetchFailure(fetchFailed(parser)))
      .toEqual({ code: 'HTTPParserError', reason: 'HTTPParserError: Response does not match the HTTP/1.1 protocol (Invalid status code)' });
    expect(describeFetchFailure(new TypeError('Failed to fetch'))).toEqual({ code: 'FETCH_FAILED', reason: 'FETCH_FAILED: Failed to fetch' });
  });
});
