/**
 * The `skitter` command line: Scrapy's commands (`runspider`, `crawl`, `list`, `fetch`,
 * `version`) plus `demo` and `playground`. `bin/skitter.js` calls {@link main}.
 * @module
 */
import '../node.ts';
import { setDefaultLogSink } from '../core/crawler.ts';
import { isInvalidOutputError } from '../errors/invalid-output-error.ts';
import { isSettingsError } from '../errors/settings-error.ts';
import { commandHelp, parseCommandArgs, type CliIO, type Command } from './command.ts';
import { skitterVersion, versionCommand } from './commands/version.ts';
import { setProjectSettings } from './crawl-options.ts';
import { createCliLogSink } from './log-sink.ts';
import { loadProject } from './project-config.ts';
import { registerSkitterResolveHook } from './resolve-hook.ts';
import { StatusTerminal } from './status-terminal.ts';
import { isSpiderSourceError } from './spider-source-error.ts';
import { isUsageError, UsageError } from './usage-error.ts';
import { isRedisConnectionError } from '../redis/redis-connection-error.ts';

/**
 * Every command, by name, each module imported only when its command runs (or for `--help`), so a
 * command costs nothing to the others' start. Adding a command is one line here.
 */
export const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map([
  ['crawl', async () => (await import('./commands/crawl.ts')).crawlCommand],
  ['demo', async () => (await import('./commands/demo.ts')).demoCommand],
  ['fetch', async () => (await import('./commands/fetch.ts')).fetchCommand],
  ['genspider', async () => (await import('./commands/genspider.ts')).genspiderCommand],
  ['list', async () => (await import('./commands/list.ts')).listCommand],
  ['playground', async () => (await import('./commands/playground.ts')).playgroundCommand],
  ['runspider', async () => (await import('./commands/runspider.ts')).runspiderCommand],
  ['shell', async () => (await import('./commands/shell.ts')).shellCommand],
  ['startproject', async () => (await import('./commands/startproject.ts')).startprojectCommand],
  ['version', async () => versionCommand],
]);

/** `skitter --help`. */
export async function toolHelp(): Promise<string> {
  const commands = await Promise.all([...COMMANDS.values()].map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const rows = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `skitter ${skitterVersion()} - Scrapy's commands for skitter spiders\n\nUsage:\n  skitter <command> [options] [args]\n\n` +
    `Available commands:\n${rows.join('\n')}\n\nUse "skitter <command> -h" to see more info about a command\n`;
}

/** The process's streams. */
function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    terminal: new StatusTerminal(process.stderr),
    cwd: process.cwd(),
    exit: (code) => process.exit(code),
  };
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves with the exit code:
 * 0 on success, 1 for a usage or settings error (printed as `skitter: error: <message>` without a
 * stack trace) or a failure, as the command decides. Never rejects.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  registerSkitterResolveHook();
  setDefaultLogSink(createCliLogSink(io.terminal));
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(await toolHelp());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') return versionCommand.run({}, [], io);
  try {
    const load = COMMANDS.get(name);
    if (!load) throw new UsageError(`unknown command ${JSON.stringify(name)}; commands: ${[...COMMANDS.keys()].join(', ')} (see "skitter --help")`);
    const command = await load();
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help === true) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    // Inside a project (a skitter.config.ts here or above), its settings apply to every command.
    setProjectSettings((await loadProject(io.cwd))?.settings ?? {});
    return await command.run(values, positionals, io);
  } catch (error) {
    io.terminal.writeLine(errorMessage(error));
    return 1;
  }
}

/** `skitter: error: <message>`; the stack only for errors that are not the user's input. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return `skitter: error: ${String(error)}`;
  const message = error.message.replace(/^\[skitter\] /, '');
  if (isUsageError(error) || isSettingsError(error) || isInvalidOutputError(error) || isSpiderSourceError(error) || isRedisConnectionError(error)) {
    return `skitter: error: ${message}`;
  }
  return `skitter: error: ${message}\n${(error as Error).stack ?? ''}`;
}
