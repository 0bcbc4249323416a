/**
 * A real `redis-server` (Debian's) on 127.0.0.1 and a free port, for the distributed-crawl tests.
 * It runs as this process's child (not daemonised), so stopping it means killing our own child.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const REDIS_SERVER_BIN = '/usr/bin/redis-server';

/** A running redis-server. */
export interface RedisServer {
  url: string;
  port: number;
  /** A client on it (closed by `stop()`); reconnects across `restart()`. */
  client: Redis;
  /** Stops the server (SIGTERM: it saves its append-only file when it has one) and starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string, appendOnly: boolean): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--daemonize', 'no'];
  args.push(...(appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  const child = spawn(REDIS_SERVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts redis-server. `appendOnly` keeps its data across `restart()` (append-only file, fsync
 * always); without it the server keeps nothing on disk, as platform-notes.md recommends for tests.
 */
export async function startRedisServer(options: { appendOnly?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'skitter-redis-'));
  const appendOnly = options.appendOnly ?? false;
  let child = await launch(port, dir, appendOnly);
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  client.on('error', () => {});
  return {
    url,
    port,
    client,
    async restart(downMs = 0) {
      child.kill('SIGTERM');
      await exited(child);
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      child = await launch(port, dir, appendOnly);
    },
    async stop() {
      client.disconnect();
      child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
