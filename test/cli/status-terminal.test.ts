import { describe, expect, it } from 'vitest';
import { StatusTerminal } from '../../src/cli/status-terminal.ts';

function fakeStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (chunk: string) => writes.push(chunk) } };
}

describe('StatusTerminal', () => {
  it('on a terminal, erases the status line before a log line and draws it again after', () => {
    const { writes, stream } = fakeStream(true);
    const t = new StatusTerminal(stream);
    t.writeLine('first');
    t.setStatus('pages 1');
    t.writeLine('second');
    t.clearStatus();
    t.clearStatus();
    expect(writes).toEqual(['first\n', '\r\x1b[2Kpages 1', '\r\x1b[2Ksecond\npages 1', '\r\x1b[2K']);
  });

  it('cuts the status line to the terminal width so it never wraps (80 columns when unknown)', () => {
    const { writes, stream } = fakeStream(true, 10);
    new StatusTerminal({ isTTY: true, columns: 0, write: (c: string) => writes.push(c) }).setStatus('x');
    new StatusTerminal(stream).setStatus('0123456789abc');
    expect(writes).toEqual(['\r\x1b[2Kx', '\r\x1b[2K012345678']);
  });

  it('never writes a status line elsewhere (pipes, files)', () => {
    const { writes, stream } = fakeStream(false);
    const t = new StatusTerminal(stream);
    t.setStatus('pages 1');
    t.writeLine('log');
    t.clearStatus();
    expect(writes).toEqual(['log\n']);
    expect(t.interactive).toBe(false);
  });
});

