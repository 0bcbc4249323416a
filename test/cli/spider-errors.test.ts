/**
 * Errors a user can act on, through the real CLI: a spider file Node cannot compile or link gives
 * `FILE:LINE:COL` and one hint line; a sync `start()` and a bad LOG_LEVEL give one error line, no
 * stack trace, no stats dump, exit code 1, nothing crawled.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.ts';

const FILES: Record<string, string> = {
  'syntax.ts': `import { Spider } from 'skitter';
export default class Bad extends Spider {
  name = 'bad';
  parse() { return [{ a: 1 }; }
}
`,
  'enum.ts': `import { Spider } from 'skitter';

enum Color { Red, Green }
export default class E extends Spider {
  name = 'e';
  parse() { return [{ c: Color.Red }]; }
}
`,
  'interface-import.ts': `import { Spider, SettingsInput } from 'skitter';
const settings: SettingsInput = {};
export default class I extends Spider {
  name = 'i';
  customSettings = settings;
}
`,
  'plain.mjs': `import { Spider } from 'skitter';
export default class P extends Spider {
  name = 'p';
  parse() { return { a: 1 ; }
}
`,
  'sync-start.ts': `import { Request, Spider } from 'skitter';
export default class SyncStart extends Spider {
  name = 'sync-start';
  // @ts-expect-error: a plain generator where skitter (like Scrapy) wants async *start()
  *start() { yield new Request('data:text/html,<p>x</p>'); }
  parse() { return [{ a: 1 }]; }
}
`,
  'ok.ts': `import { Spider } from 'skitter';
export default class Ok extends Spider {
  name = 'ok';
  startUrls = ['data:text/html,<p>x</p>'];
  parse() { return [{ a: 1 }]; }
}
`,
};

const STRIPPING = "Node runs .ts files by stripping types, which supports only erasable TypeScript syntax";

describe.concurrent('spider errors on the command line', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
    mkdirSync(join(tmp.dir, 'spiders'));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(tmp.dir, 'spiders', name), text);
  });
  afterAll(() => tmp.remove());

  /** Runs `runspider FILE ...extra` and returns its exit code and stderr. */
  const runspider = async (file: string, ...extra: string[]) => {
    const r = await runCli(['runspider', join('spiders', file), ...extra], tmp.dir);
    return { code: r.code, stderr: r.stderr, stdout: r.stdout };
  };

  it('runspider on a file with an enum: one error with FILE:LINE:COL and how to write it with erasable syntax', async () => {
    expect(await runspider('enum.ts')).toEqual({
      code: 1,
      stdout: '',
      stderr: `skitter: error: ${join(tmp.dir, 'spiders', 'enum.ts')}:3:1: TypeScript enum is not supported in strip-only mode\nhint: ${STRIPPING}: replace the enum with a const object (\`const Color = { Red: 'red' } as const\`).\n`,
    });
  });

  it('skitter list: each file Node cannot load is one warning with FILE:LINE:COL and a hint, and the others are listed', async () => {
    const r = await runCli(['list'], tmp.dir);
    const file = (name: string) => join(tmp.dir, 'spiders', name);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok\nsync-start\n');
    expect(r.stderr).toBe([
      `skitter: warning: ${file('enum.ts')}:3:1: TypeScript enum is not supported in strip-only mode`,
      `hint: ${STRIPPING}: replace the enum with a const object (\`const Color = { Red: 'red' } as const\`).`,
      `skitter: warning: ${file('interface-import.ts')}:1:18: The requested module 'skitter' does not provide an export named 'SettingsInput'`,
      "hint: if SettingsInput is a type or interface, import it with `import type { SettingsInput } from 'skitter'` (Node's type stripping removes only imports marked `type`); otherwise check what 'skitter' exports.",
      `skitter: warning: ${file('plain.mjs')}:4:27: Unexpected token ';'`,
      'hint: fix the syntax at that line and column.',
      `skitter: warning: ${file('syntax.ts')}:4:29: Expected ',', got ';'`,
      'hint: fix the TypeScript syntax at that line and column.',
      '',
    ].join('\n'));
  });

  it('a sync generator start(): one line naming the spider and the fix, nothing crawled', async () => {
    const r = await runspider('sync-start.ts', '-L', 'INFO');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('skitter: error:'));
    expect(errors).toEqual(['skitter: error: SyncStart (spider "sync-start"): start() must be an async generator, got a sync generator (*start()); declare it as `async *start() { ... }`.']);
    expect(r.stderr).not.toContain('    at ');
    expect(r.stderr).not.toContain('Spider opened');
    expect(r.stderr).not.toContain('Dumping skitter stats');
  });

  it('-s LOG_LEVEL=LOUD: one line, no stack trace, no stats dump', async () => {
    expect(await runspider('ok.ts', '-s', 'LOG_LEVEL=LOUD')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'skitter: error: LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got "LOUD".\n',
    });
  });
});
