/**
 * Reads where Node located a compile or link error of a module: its error stacks (and
 * `node --check` output) start with a code frame, `FILE:LINE`, source lines, then a line of `^`
 * under the offending code.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A 1-based position in a file. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** The location in a code frame at the start of `text`, if it has one. */
export function locationInFrame(text: string): SourceLocation | undefined {
  const lines = text.split('\n');
  const head = /^(.+):(\d+)$/.exec(lines[0] ?? '');
  if (!head) return undefined;
  // The frame is a few lines long; the carets come before the error's own message line.
  const caret = lines.slice(1, 6).find((l) => /^\s*\^+\s*$/.test(l));
  const file = head[1]!.startsWith('file:') ? fileURLToPath(head[1]!) : head[1]!;
  return { file, line: Number(head[2]), column: caret ? caret.indexOf('^') + 1 : 1 };
}

/**
 * Where `node --check` places a syntax error in `path`: V8's syntax errors for ES modules carry
 * no position in their stack, the checker prints one. Undefined if it finds none.
 */
export function checkSyntax(path: string): SourceLocation | undefined {
  try {
    execFileSync(process.execPath, ['--check', path], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
    return undefined;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    return locationInFrame(stderr);
  }
}
