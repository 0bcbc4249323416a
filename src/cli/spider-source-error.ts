/**
 * A spider file that Node cannot compile or link: a syntax error, TypeScript syntax that type
 * stripping cannot erase (`enum`, namespaces, parameter properties), or an import of a name the
 * module does not export at run time (an interface imported without `type`). The message is
 * `FILE:LINE:COL: <what Node said>` and a `hint:` line; the CLI prints it without a stack trace.
 */
export class SpiderSourceError extends Error {
  override name = 'SpiderSourceError';
}

/** True if `error` is a {@link SpiderSourceError}. */
export function isSpiderSourceError(error: unknown): error is SpiderSourceError {
  return error instanceof SpiderSourceError || (error instanceof Error && error.name === 'SpiderSourceError');
}
