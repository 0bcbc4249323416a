import { formatTime, type LogSink } from '../core/log.ts';
import { redactCredentials } from '../http/redact-url.ts';
import type { StatusTerminal } from './status-terminal.ts';

/**
 * The CLI's log sink: Scrapy's line format on stderr,
 * `2026-11-22 06:04:28 [skitter] INFO: Spider opened`, with the error's stack on the following
 * lines when a record carries one. Lines go through the {@link StatusTerminal} so the progress
 * line is erased before each one.
 */
export function createCliLogSink(terminal: StatusTerminal): LogSink {
  return (record) => {
    let line = `${formatTime(record.time)} [${record.logger}] ${record.level}: ${record.message}`;
    const error = record.error;
    if (error instanceof Error && error.stack) line += `\n${redactCredentials(error.stack)}`;
    else if (error !== undefined && !(error instanceof Error)) line += `\n${redactCredentials(String(error))}`;
    terminal.writeLine(line);
  };
}
