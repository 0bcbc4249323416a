/**
 * The error of a spider whose source does not parse.
 * @module
 */

/** A syntax error in the visitor's code, at a 1-based line and column. */
export class SpiderSyntaxError extends Error {
  override name = 'SpiderSyntaxError';
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

/** Whether `error` is a {@link SpiderSyntaxError}. */
export function isSpiderSyntaxError(error: unknown): error is SpiderSyntaxError {
  return error instanceof SpiderSyntaxError;
}
