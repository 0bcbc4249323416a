import { describe, expect, it, vi } from 'vitest';
import { StatusTerminal } from '../../src/cli/status-terminal.ts';
import { formatProgress, ProgressLine } from '../../src/cli/progress-line.ts';

function fakeStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (chunk: string) => writes.push(chunk) } };
}

describe('progress line', () => {
  it('formats pages, items, rate, queue and errors', () => {
    expect(formatProgress({ pages: 120, items: 98, queued: 33, errors: 2, elapsedMs: 4000 })).toBe('pages 120 | items 98 | 30.0 pages/s | queue 33 | errors 2');
    expect(formatProgress({ pages: 0, items: 0, queued: 0, errors: 0, elapsedMs: 0 })).toBe('pages 0 | items 0 | 0.0 pages/s | queue 0 | errors 0');
  });

  it('redraws at most 4 times a second on a terminal and erases itself when stopped', () => {
    // Vitest's fake timers: the 250 ms cadence is exact, whatever the machine's load.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const { writes, stream } = fakeStream(true);
      const line = new ProgressLine(new StatusTerminal(stream));
      let reads = 0;
      const elapsed: number[] = [];
      line.start((elapsedMs) => {
        elapsed.push(elapsedMs);
        return { pages: ++reads, items: 0, queued: 0, errors: 0, elapsedMs: 1000 };
      });
      vi.advanceTimersByTime(249);
      expect(reads).toBe(0);
      vi.advanceTimersByTime(1);
      expect(reads).toBe(1);
      vi.advanceTimersByTime(850);
      line.stop();
      vi.advanceTimersByTime(1_000);
      expect(reads).toBe(4);
      expect(elapsed).toEqual([250, 500, 750, 1000]);
      expect(writes.slice(0, -1)).toEqual(Array.from({ length: 4 }, (_, i) => `\r\x1b[2Kpages ${i + 1} | items 0 | ${(i + 1).toFixed(1)} pages/s | queue 0 | errors 0`));
      expect(writes.at(-1)).toBe('\r\x1b[2K');
    } finally {
      vi.useRealTimers();
    }
  });

  it('does nothing on a non-terminal', async () => {
    const { writes, stream } = fakeStream(false);
    const line = new ProgressLine(new StatusTerminal(stream));
    let reads = 0;
    line.start(() => ({ pages: ++reads, items: 0, queued: 0, errors: 0, elapsedMs: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    line.stop();
    expect(reads).toBe(0);
    expect(writes).toEqual([]);
  });
});
