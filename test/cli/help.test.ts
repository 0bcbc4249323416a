import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const cwd = process.cwd();
const COMMANDS = ['crawl', 'demo', 'fetch', 'genspider', 'list', 'playground', 'runspider', 'shell', 'startproject', 'version'];

describe('skitter help and usage errors', () => {
  it('--help lists every command', async () => {
    const r = await runCli(['--help'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^skitter 0\.1\.0 - Scrapy's commands for skitter spiders\n/);
    const listed = [...r.stdout.matchAll(/^ {2}([a-z]+) {2,}\S/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMANDS);
  });

  it('with no command prints the help on stderr and exits 1', async () => {
    const r = await runCli([], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Available commands:');
  });

  it.each(COMMANDS)('%s --help prints its usage and options', async (name) => {
    const r = await runCli([name, '--help'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage\\n=====\\n  skitter ${name} `));
    expect(r.stdout).toContain('  -h, --help ');
    const short = await runCli([name, '-h'], cwd);
    expect(short.stdout).toBe(r.stdout);
  });

  it('runspider --help documents the crawl options', async () => {
    const r = await runCli(['runspider', '--help'], cwd);
    for (const flag of ['-a NAME=VALUE', '-o FILE', '-O FILE', '-s NAME=VALUE', '-L LEVEL', '--nolog']) expect(r.stdout).toContain(flag);
  });

  it('exits 1 with a one-line message for an unknown command or option', async () => {
    const command = await runCli(['crawlz'], cwd);
    expect(command.code).toBe(1);
    expect(command.stderr).toBe('skitter: error: unknown command "crawlz"; commands: crawl, demo, fetch, genspider, list, playground, runspider, shell, startproject, version (see "skitter --help")\n');
    const option = await runCli(['runspider', '--bogus', 'x.ts'], cwd);
    expect(option.code).toBe(1);
    expect(option.stderr).toMatch(/^skitter: error: Unknown option '--bogus'.*\(see "skitter runspider --help"\)\n$/);
    const level = await runCli(['runspider', 'x.ts', '-L', 'LOUD'], cwd);
    expect(level.stderr).toBe('skitter: error: invalid log level "LOUD"; use one of DEBUG, INFO, WARNING, ERROR, CRITICAL\n');
  });

  it('version prints the package version', async () => {
    expect((await runCli(['version'], cwd)).stdout).toBe('skitter 0.1.0\n');
    expect((await runCli(['--version'], cwd)).stdout).toBe('skitter 0.1.0\n');
    expect((await runCli(['version', '-v'], cwd)).stdout).toContain(`Node      : ${process.versions.node}\n`);
  });
});
