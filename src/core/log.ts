/**
 * Logging with Scrapy's levels. Records go to a sink (console by default; the CLI, the worker
 * bridge and tests install their own). `log_count/LEVEL` stats are kept as in Scrapy.
 * @module
 */
import { SettingsError } from '../errors/settings-error.ts';

import { redactCredentials } from '../http/redact-url.ts';

/** Scrapy's (Python's) level names, lowest first. */
export const LOG_LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 } as const;

/** A level name. */
export type LogLevel = keyof typeof LOG_LEVELS;

/** One log line. `time` is wall-clock ms since the epoch. */
export interface LogRecord {
  level: LogLevel;
  logger: string;
  message: string;
  time: number;
  error?: unknown;
}

/** Where records go. */
export type LogSink = (record: LogRecord) => void;

/** A named logger, as `spider.logger` and every component's logger. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  /** Alias of {@link Logger.warning}. */
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** A logger with another name writing to the same sink and level. */
  child(name: string): Logger;
}

/**
 * Parses a level name (case-insensitive; WARN accepted).
 * @throws {SettingsError} naming LOG_LEVEL and the accepted names.
 */
export function parseLogLevel(level: string): LogLevel {
  const upper = level.toUpperCase() === 'WARN' ? 'WARNING' : level.toUpperCase();
  if (upper in LOG_LEVELS) return upper as LogLevel;
  throw new SettingsError(`[skitter] LOG_LEVEL must be one of ${Object.keys(LOG_LEVELS).join(', ')}, got ${JSON.stringify(level)}.`);
}

/** The default sink: one line per record on the console, Scrapy's format. */
export const consoleSink: LogSink = (r) => {
  const line = `${formatTime(r.time)} [${r.logger}] ${r.level}: ${r.message}`;
  const method = r.level === 'ERROR' || r.level === 'CRITICAL' ? 'error' : r.level === 'WARNING' ? 'warn' : 'log';
  if (r.error instanceof Error && r.error.stack) console[method](`${line}\n${redactCredentials(r.error.stack)}`);
  else console[method](line);
};

/** `YYYY-MM-DD HH:MM:SS` in UTC, as Scrapy's log lines. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @default 'DEBUG' */
  level?: LogLevel;
  /** @default consoleSink */
  sink?: LogSink;
  /** Called for every record that passes the level (the crawler counts `log_count/LEVEL`). */
  onRecord?: (record: LogRecord) => void;
  /** Wall clock in ms. @default Date.now */
  clock?: () => number;
}

/** Creates a logger named `name`. */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS[options.level ?? 'DEBUG'];
  const sink = options.sink ?? consoleSink;
  const clock = options.clock ?? Date.now;
  const emit = (level: LogLevel, message: string, error?: unknown): void => {
    if (LOG_LEVELS[level] < threshold) return;
    // Credentials in URLs never reach a log line, whoever wrote the message.
    const record: LogRecord = { level, logger: name, message: redactCredentials(message), time: clock() };
    if (error !== undefined) record.error = error;
    options.onRecord?.(record);
    sink(record);
  };
  return {
    debug: (m) => emit('DEBUG', m),
    info: (m) => emit('INFO', m),
    warning: (m) => emit('WARNING', m),
    warn: (m) => emit('WARNING', m),
    error: (m, e) => emit('ERROR', m, e),
    child: (child) => createLogger(child, options),
  };
}

/** True when a record at `level` would be emitted under `threshold` (lets hot paths skip formatting). */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS[level] >= LOG_LEVELS[threshold];
}
