/**
 * Runs commands in the consumer project the way a user's shell does (`npx skitter ...`, `node
 * crawl.ts`), with none of the outer `npm test`'s npm_* variables, and collects their output.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cleanEnv } from './global-setup.ts';

/** What a finished command produced. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running command. */
export interface Running {
  child: ChildProcess;
  /** Resolves with the first match of `pattern` on stdout or stderr. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<Finished>;
}

/** Starts `command args` in `cwd`. */
export function start(command: string, args: readonly string[], cwd: string): Running {
  // Its own process group: `npx` does not pass signals on to the tool it runs (see stop()).
  const child = spawn(command, args, { cwd, env: cleanEnv(), detached: true });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const onData = (): void => {
    for (const check of waiters.splice(0)) check();
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    onData();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    onData();
  });
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
      onData();
    });
  });
  return {
    child,
    done,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stdout.match(pattern) ?? stderr.match(pattern);
          if (match) resolve(match);
          else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`exited before printing ${pattern}:\n${stdout}\n${stderr}`));
          else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** Sends `signal` to the whole process group of `running` (npx and the server it started) and waits for its end. */
export async function stop(running: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<Finished> {
  if (running.child.exitCode === null && running.child.signalCode === null) process.kill(-running.child.pid!, signal);
  return running.done;
}

/** Runs `command args` in `cwd` to completion. */
export function run(command: string, args: readonly string[], cwd: string): Promise<Finished> {
  return start(command, args, cwd).done;
}
