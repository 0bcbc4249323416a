/**
 * The shape of a CLI command, its option table (one source for `parseArgs` and the help text),
 * and argument parsing with node:util `parseArgs`.
 * @module
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { StatusTerminal } from './status-terminal.ts';
import { UsageError } from './usage-error.ts';

/** Where a command writes and what it may touch; `main` passes the process's streams. */
export interface CliIO {
  /** Results: fetched bodies, `list` output, the demo summary, stdout feeds. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Logs, the progress line and errors. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** stderr shared by log lines and the progress line. */
  terminal: StatusTerminal;
  /** Folder relative paths are resolved against. */
  cwd: string;
  /** Ends the process now (a second Ctrl-C). */
  exit(code: number): void;
}

/** One option: its `parseArgs` config plus what `--help` shows. */
export interface OptionSpec {
  /** Long name, without dashes (`output` for `--output`). */
  long: string;
  /** One-letter alias (`o` for `-o`). */
  short?: string;
  /** `string` options take a value (shown as `metavar`); `boolean` ones are flags. */
  type: 'string' | 'boolean';
  /** May be given several times (values are collected in order). */
  multiple?: boolean;
  /** The value's placeholder in help. @default 'VALUE' */
  metavar?: string;
  help: string;
}

/** Parsed options: strings, string lists (`multiple`) and booleans by long name. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** A `skitter` command (Scrapy's ScrapyCommand). */
export interface Command {
  name: string;
  /** One line for `skitter --help`. */
  summary: string;
  /** Arguments after the command name, as in `FILE [options]`. */
  syntax: string;
  /** A paragraph for `skitter <command> --help`. */
  description: string;
  options: readonly OptionSpec[];
  /** Runs the command and resolves with the process exit code. @throws {UsageError} for bad arguments. */
  run(values: OptionValues, positionals: string[], io: CliIO): Promise<number>;
}

/** `-h/--help`, added to every command. */
export const HELP_OPTION: OptionSpec = { long: 'help', short: 'h', type: 'boolean', help: 'show this help message and exit' };

/**
 * Parses a command's arguments with node:util `parseArgs` (strict: unknown options are errors).
 * @throws {UsageError} for unknown options, missing values and the like (parseArgs' own message).
 */
export function parseCommandArgs(command: Command, argv: readonly string[]): { values: OptionValues; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of [...command.options, HELP_OPTION]) {
    options[spec.long] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: attachDashValues(command, argv), options, allowPositionals: true, strict: true });
    return { values: values as OptionValues, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message} (see "skitter ${command.name} --help")`);
  }
}

/**
 * Joins a value-taking option and a following value that starts with a dash but is no option of
 * the command (`-o -:jsonlines`, `-O -`) into one `--long=value` argument: parseArgs rejects
 * such values as ambiguous, yet `-` (stdout) is what `-o` documents.
 */
function attachDashValues(command: Command, argv: readonly string[]): string[] {
  const specs = [...command.options, HELP_OPTION];
  const flags = new Set(specs.flatMap((spec) => [`--${spec.long}`, ...(spec.short ? [`-${spec.short}`] : [])]));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const spec = specs.find((candidate) => arg === `--${candidate.long}` || (candidate.short !== undefined && arg === `-${candidate.short}`));
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (spec?.type === 'string' && next !== undefined && next.startsWith('-') && !flags.has(next.split('=')[0]!)) {
      out.push(`--${spec.long}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** The `--help` text of a command, Scrapy style. */
export function commandHelp(command: Command): string {
  const rows = [...command.options, HELP_OPTION].map((spec) => {
    const value = spec.type === 'string' ? ` ${spec.metavar ?? 'VALUE'}` : '';
    const flags = spec.short ? `-${spec.short}${value}, --${spec.long}${value}` : `--${spec.long}${value}`;
    return [flags, spec.help] as const;
  });
  const width = Math.max(...rows.map(([flags]) => flags.length)) + 2;
  const lines = rows.map(([flags, help]) => `  ${flags.padEnd(width)}${help}`);
  return `Usage\n=====\n  skitter ${command.name} ${command.syntax}\n\n${command.description}\n\nOptions\n=======\n${lines.join('\n')}\n`;
}

/** A string list option (`multiple`), empty when absent. */
export function listOption(values: OptionValues, long: string): string[] {
  const v = values[long];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** A single string option, or undefined when absent. */
export function stringOption(values: OptionValues, long: string): string | undefined {
  const v = values[long];
  return typeof v === 'string' ? v : undefined;
}
