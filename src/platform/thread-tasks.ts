/**
 * The thread-task registry: functions that {@link LoopAdapter.runInThread} can call by name, for
 * hosts that cannot load code by URL at run time. MV3 extension service workers forbid dynamic
 * `import()`, so there a task must be registered ahead of time (at module load, in the bundle) and
 * referred to as `{ moduleUrl: 'registry:', exportName: '<name>', args }`.
 *
 * Where the registry is consulted:
 * - inline execution (MV3, virtual, web without `Worker`, and node/web when no custom thread entry
 *   is configured): the registry of the calling realm;
 * - worker execution (node/web with a `threadEntryUrl` option): the registry of the worker's realm,
 *   so the custom thread entry must import the modules that register the tasks before it imports
 *   skitter's thread entry.
 *
 * This module is runtime-neutral and has no imports, so every bundle (including MV3) can carry it.
 * @module
 */

/** The `moduleUrl` value that means "look `exportName` up in the thread-task registry". */
export const REGISTRY_MODULE_URL = 'registry:';

/** A function runnable as a thread task. Arguments and result must be structured-cloneable. */
export type ThreadTaskFunction = (...args: never[]) => unknown;

const tasks = new Map<string, ThreadTaskFunction>();

/**
 * Registers `fn` under `name` for `runInThread({ moduleUrl: 'registry:', exportName: name, args })`.
 * Registering a name again replaces the function.
 * @returns a function that unregisters it (only if it is still the registered function).
 * @example
 * registerThreadTask('sumSquares', (n: number) => { let s = 0; for (let i = 1; i <= n; i++) s += i * i; return s; });
 * await adapter.runInThread({ moduleUrl: 'registry:', exportName: 'sumSquares', args: [10] }); // 385
 */
export function registerThreadTask(name: string, fn: ThreadTaskFunction): () => void {
  tasks.set(name, fn);
  return () => {
    if (tasks.get(name) === fn) tasks.delete(name);
  };
}

/** The function registered under `name`, or `undefined`. */
export function getThreadTask(name: string): ThreadTaskFunction | undefined {
  return tasks.get(name);
}

/** True if `moduleUrl` designates the registry rather than a module. */
export function isRegistryUrl(moduleUrl: string | URL): boolean {
  return String(moduleUrl) === REGISTRY_MODULE_URL;
}

/**
 * Calls the registered task `name` with `args`.
 * @throws {Error} `[skitter] runInThread: no thread task registered as '<name>'...` when absent.
 */
export async function runRegisteredTask(name: string, args: unknown[]): Promise<unknown> {
  const fn = tasks.get(name);
  if (!fn) {
    throw new Error(
      `[skitter] runInThread: no thread task registered as '${name}'; call registerThreadTask('${name}', fn) in a module loaded before the task runs (in the thread entry's realm when tasks run in workers).`,
    );
  }
  return await (fn as (...a: unknown[]) => unknown)(...args);
}
