/**
 * Turns a rejected fetch into a {@link ConnectionError} that says why: fetch itself only says
 * "fetch failed" (Node) or "Failed to fetch" (browsers); the reason is in its `cause` chain.
 * @module
 */
import { ConnectionError } from '../../../errors/connection-error.ts';
import { redactCredentials, redactUrl } from '../../../http/redact-url.ts';

/** How deep to follow `cause` links (undici nests two or three). */
const MAX_CAUSE_DEPTH = 5;

/** Names too generic to tell a user anything. */
const GENERIC_NAMES = new Set(['Error', 'TypeError', 'AggregateError']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error's causes, outermost first; an AggregateError (several addresses tried) contributes its first error. */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && chain.length < MAX_CAUSE_DEPTH) {
    const e = current as ErrorLike;
    chain.push(e);
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return chain;
}

/**
 * The code and a one-line reason for a fetch rejection: the first `code` string down the cause
 * chain (Node errno codes, undici's `UND_ERR_*`), else the name of the innermost specific error
 * (`HTTPParserError`), else `FETCH_FAILED`. Works with the cause chains of undici 7 and 8 and
 * with browsers' causeless TypeErrors.
 */
export function describeFetchFailure(error: unknown): { code: string; reason: string } {
  const chain = causeChain(error);
  const top = chain[0];
  const inner = chain.length > 1 ? chain[chain.length - 1]! : undefined;
  const withCode = chain.find((e) => typeof e.code === 'string' && e.code !== '');
  const named = [...chain].reverse().find((e) => typeof e.name === 'string' && !GENERIC_NAMES.has(e.name));
  const code = (withCode?.code as string | undefined) ?? (named?.name as string | undefined) ?? 'FETCH_FAILED';
  const source = withCode ?? inner ?? top;
  const message = typeof source?.message === 'string' && source.message !== '' ? source.message : String(error);
  return { code, reason: message.includes(code) ? message : `${code}: ${message}` };
}

/** A ConnectionError for a failed fetch of `url`, with the cause's code in its message and `code`. */
export function connectionErrorFor(error: unknown, url: string): ConnectionError {
  const { code, reason } = describeFetchFailure(error);
  return new ConnectionError(`[skitter] Connection failed for ${redactUrl(url)}: ${redactCredentials(reason)}`, { code, cause: error });
}
