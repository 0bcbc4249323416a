/**
 * The message protocol between {@link ThreadPool} and the thread entries (`node-thread-entry.ts`,
 * `web-thread-entry.ts`), and the one function that runs a task (used by the entries and by the
 * inline path of adapters that may load code by URL).
 *
 * Not for MV3 service workers: this module calls dynamic `import()`, which they forbid; the MV3
 * adapter uses the registry in `thread-tasks.ts` only.
 * @module
 */
import type { ThreadTask } from './loop-adapter.ts';
import { isRegistryUrl, runRegisteredTask } from './thread-tasks.ts';

/** Main thread -> worker: run one task. `id` pairs the reply with the request. */
export interface ThreadRequest {
  id: number;
  moduleUrl: string;
  exportName: string;
  args: unknown[];
}

/** An error as it crosses the thread boundary (structured clone loses class and extra fields). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
}

/** Worker -> main thread: the outcome of the request with the same `id`. */
export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/**
 * Runs `task` in the current realm: looks `exportName` up in the registry when `moduleUrl` is
 * `'registry:'`, else imports the module and calls its export.
 * @throws {TypeError} `[skitter] runInThread: <url> has no exported function '<name>'`.
 */
export async function executeThreadTask(task: ThreadTask): Promise<unknown> {
  if (isRegistryUrl(task.moduleUrl)) return runRegisteredTask(task.exportName, task.args);
  const url = String(task.moduleUrl);
  const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  const fn = module[task.exportName];
  if (typeof fn !== 'function') {
    throw new TypeError(`[skitter] runInThread: ${url} has no exported function '${task.exportName}'`);
  }
  return await (fn as (...a: unknown[]) => unknown)(...task.args);
}

/** Runs one request and builds its reply (never rejects). */
export async function handleThreadRequest(request: ThreadRequest): Promise<ThreadReply> {
  try {
    const value = await executeThreadTask(request);
    return { id: request.id, ok: true, value };
  } catch (error) {
    return { id: request.id, ok: false, error: serializeError(error) };
  }
}

/** Flattens any thrown value into a cloneable {@link SerializedError}. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, stack: error.stack, ...(code === undefined ? {} : { code }) };
  }
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an `Error` from a {@link SerializedError}, keeping its `name`, `stack` and `code`. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  if (serialized.code !== undefined) (error as { code?: unknown }).code = serialized.code;
  return error;
}
