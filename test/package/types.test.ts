/**
 * The package's declarations as a TypeScript user meets them: the consumer's spider, Node script,
 * page and worker type-check with 0 errors and `skipLibCheck: false` (skitter's .d.ts files are
 * checked too) under `tsc --init`'s defaults with `module: nodenext`, and under
 * `moduleResolution: bundler`. settings-check.ts proves settings keys are typed: its
 * `@ts-expect-error` line would itself be an error if a wrong value type were accepted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { run } from './consumer-process.ts';

const { consumer } = inject('skitterPackage');

describe.concurrent('the declarations in a TypeScript project', () => {
  beforeAll(async () => {
    // What a user starts from, with the options the issue names (the `types` for a Node project).
    const init = await run('npx', ['tsc', '--init', '--module', 'nodenext', '--skipLibCheck', 'false', '--types', 'node', '--rewriteRelativeImportExtensions'], consumer);
    expect(init.code).toBe(0);
    expect(readFileSync(join(consumer, 'tsconfig.json'), 'utf8')).toMatch(/"skipLibCheck": false/);
  });

  it('type-checks under tsc --init defaults with module nodenext and skipLibCheck false', async () => {
    expect(await run('npx', ['tsc', '-p', 'tsconfig.node.json'], consumer)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('type-checks the page and its worker under moduleResolution bundler', async () => {
    expect(await run('npx', ['tsc', '-p', 'tsconfig.web.json'], consumer)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
