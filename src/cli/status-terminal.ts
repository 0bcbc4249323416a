/**
 * Shares stderr between log lines and one redrawable status line (the progress line). On a
 * terminal, a log line first erases the status line, then the status is drawn again below it; on
 * anything else (a pipe, a file) the status line is never written, so logs stay plain text.
 * @module
 */

/** The stream the terminal writes to (process.stderr, or a fake in tests). */
export interface StatusStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const ERASE_LINE = '\r\x1b[2K';

/** Writes log lines and a status line to one stream. */
export class StatusTerminal {
  #stream: StatusStream;
  #status = '';

  constructor(stream: StatusStream) {
    this.#stream = stream;
  }

  /** Whether a status line is drawn at all (only on a terminal). */
  get interactive(): boolean {
    return this.#stream.isTTY === true;
  }

  /** Writes one line (a newline is added), keeping the status line below it. */
  writeLine(line: string): void {
    if (this.#status === '') {
      this.#stream.write(`${line}\n`);
      return;
    }
    this.#stream.write(`${ERASE_LINE}${line}\n${this.#status}`);
  }

  /** Replaces the status line; cut to the terminal width so it never wraps (wrapped lines cannot be erased). */
  setStatus(text: string): void {
    if (!this.interactive) return;
    const width = this.#stream.columns || 80; // 0 when the size is unknown (a pty without a size)
    this.#status = text.length >= width ? text.slice(0, Math.max(0, width - 1)) : text;
    this.#stream.write(`${ERASE_LINE}${this.#status}`);
  }

  /** Erases the status line (at the end of a crawl). */
  clearStatus(): void {
    if (this.#status === '') return;
    this.#status = '';
    this.#stream.write(ERASE_LINE);
  }
}
