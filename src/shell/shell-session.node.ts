/**
 * The interactive shell behind `skitter shell` and {@link inspectResponse}: a Node REPL whose
 * context holds Scrapy's shell objects (`response`, `request`, `spider`, `settings`, `crawler`)
 * and shortcuts (`fetch`, `view`, `shelp`). Downloads go through the crawl's engine, so they pass
 * the downloader middlewares (user agent, cookies, redirects, retries).
 * @module
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import repl from 'node:repl';
import { inspect } from 'node:util';
import vm from 'node:vm';
import type { Request } from '../http/request.ts';
import type { Response } from '../http/response.ts';
import { shellHelp, shellRequest, type ShellObjects } from './shell-objects.ts';

/** Where a session reads and writes (the process's terminal, or a test's streams). */
export interface ShellStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** The context of a session: the objects, and functions bound to them. */
export interface ShellContext extends ShellObjects {
  fetch(target: string | Request, options?: { redirect?: boolean }): Promise<Response>;
  view(response?: Response): string;
  shelp(): void;
  [name: string]: unknown;
}

/**
 * Writes a response body to a temporary `.html` file and returns its path (Scrapy's
 * `open_in_browser`, minus the browser: a crawler's machine often has none; open the file yourself).
 * A `<base href>` is added so relative links and images resolve against the page's URL.
 */
export function viewResponse(response: Response): string {
  const dir = mkdtempSync(join(tmpdir(), 'skitter-view-'));
  const file = join(dir, 'response.html');
  const text = (response as { text?: string }).text;
  if (typeof text === 'string' && !/<base\s/i.test(text)) {
    const base = `<base href="${response.url.replace(/"/g, '&quot;')}">`;
    writeFileSync(file, /<head[^>]*>/i.test(text) ? text.replace(/<head[^>]*>/i, (m) => m + base) : base + text);
  } else {
    writeFileSync(file, response.body);
  }
  return file;
}

/** Builds the context of a session over `objects` (kept in sync when `fetch` replaces them). */
export function shellContext(objects: ShellObjects, print: (text: string) => void): ShellContext {
  const context = { ...objects } as ShellContext;
  context.fetch = async (target, options = {}) => {
    const request = shellRequest(target, options);
    const response = await objects.crawler.engine.download(request);
    objects.request = context.request = response.request ?? request;
    objects.response = context.response = response;
    return response;
  };
  context.view = (response = context.response as Response) => {
    if (!response) throw new TypeError('view() needs a response: fetch one first');
    const file = viewResponse(response);
    print(`Saved ${response.url} to ${file}: open it in a browser\n`);
    return file;
  };
  context.shelp = () => print(shellHelp(objects));
  return context;
}

/**
 * Evaluates `code` in a shell context (`skitter shell -c CODE`): the value (awaited when it is a
 * promise) as `util.inspect` prints it, or a string for strings.
 */
export async function evaluateInShell(context: ShellContext, code: string): Promise<string> {
  const sandbox = vm.createContext(context);
  // As the REPL does, allow `await`: run the code as an async function's returned expression,
  // or, when it is statements rather than one expression, as the function's body.
  let script: vm.Script;
  try {
    script = new vm.Script(`(async () => (${code}\n))()`, { filename: 'shell -c' });
  } catch {
    script = new vm.Script(`(async () => { ${code}\n})()`, { filename: 'shell -c' });
  }
  const value = await (script.runInContext(sandbox) as Promise<unknown>);
  return typeof value === 'string' ? value : inspect(value, { depth: 4, colors: false });
}

/**
 * Runs an interactive session until the user leaves it (`.exit`, Ctrl-D), then resolves.
 * The banner is printed first; `await` works at the prompt.
 */
export function runShellRepl(context: ShellContext, streams: ShellStreams, banner = true): Promise<void> {
  if (banner) streams.output.write(shellHelp(context));
  const server = repl.start({
    prompt: '>>> ',
    input: streams.input,
    output: streams.output,
    useGlobal: false,
    ignoreUndefined: true,
    terminal: (streams.output as { isTTY?: boolean }).isTTY === true,
  });
  for (const [name, value] of Object.entries(context)) server.context[name] = value;
  // fetch() replaces these: keep the REPL's variables pointing at the new ones.
  const fetch = context.fetch;
  server.context['fetch'] = async (target: string | Request, options?: { redirect?: boolean }) => {
    const response = await fetch(target, options);
    server.context['request'] = context.request;
    server.context['response'] = context.response;
    return response;
  };
  return new Promise((resolve) => server.on('exit', () => resolve()));
}
