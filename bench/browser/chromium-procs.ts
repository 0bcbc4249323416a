/**
 * CPU and memory of a Chromium process tree from Linux /proc, by process role (browser, renderer,
 * network service, GPU, other utilities): the browser benchmark's CPU column is the whole tree's
 * user + system time between two snapshots (the page or worker runs in a renderer, its fetches go
 * through the network service and the browser process), with the renderer's share reported apart.
 * @module
 */
import { readFileSync } from 'node:fs';
import { childrenOf } from '../proc.ts';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux we run). */
const TICKS_PER_SECOND = 100;

/** What a Chromium process does, from its `--type=` flag. */
export type ChromiumRole = 'browser' | 'renderer' | 'network' | 'gpu' | 'utility' | 'zygote' | 'other';

/** One process at one moment. */
export interface ProcSnapshot { pid: number; role: ChromiumRole; userS: number; sysS: number; hwmMb: number }

function roleOf(pid: number): ChromiumRole {
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
  if (type === undefined) return /chrom/.test(cmdline) ? 'browser' : 'other';
  if (type === 'renderer') return 'renderer';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'zygote') return 'zygote';
  if (type === 'utility') return cmdline.includes('NetworkService') ? 'network' : 'utility';
  return 'other';
}

function snapshotOf(pid: number): ProcSnapshot | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { pid, role: roleOf(pid), userS: Number(fields[11]) / TICKS_PER_SECOND, sysS: Number(fields[12]) / TICKS_PER_SECOND, hwmMb: hwm ? Number(hwm[1]) / 1024 : 0 };
  } catch {
    return undefined;
  }
}

/** Every process under `rootPid` (itself included), now. */
export function snapshotTree(rootPid: number): ProcSnapshot[] {
  const out: ProcSnapshot[] = [];
  const visit = (pid: number): void => {
    const snap = snapshotOf(pid);
    if (snap) out.push(snap);
    for (const child of childrenOf(pid)) visit(child);
  };
  visit(rootPid);
  return out;
}

/** CPU seconds per role (and in total) between two snapshots of the same tree. */
export function cpuBetween(before: ProcSnapshot[], after: ProcSnapshot[]): { userS: number; sysS: number; byRole: Partial<Record<ChromiumRole, number>> } {
  const start = new Map(before.map((p) => [p.pid, p]));
  let userS = 0;
  let sysS = 0;
  const byRole: Partial<Record<ChromiumRole, number>> = {};
  for (const p of after) {
    const b = start.get(p.pid);
    const user = p.userS - (b?.userS ?? 0);
    const sys = p.sysS - (b?.sysS ?? 0);
    userS += user;
    sysS += sys;
    byRole[p.role] = Math.round(((byRole[p.role] ?? 0) + user + sys) * 100) / 100;
  }
  return { userS, sysS, byRole };
}
