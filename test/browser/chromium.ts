/**
 * The Chromium the browser tests drive: Debian's `chromium` package (`apt install chromium`) by
 * default, or the binary named by the CHROMIUM_PATH environment variable. Node-only (read by
 * vite.config.ts and the Playwright tests).
 * @module
 */
import { existsSync } from 'node:fs';

/** Path of the Chromium binary. @default '/usr/bin/chromium' */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that keep headless Chromium quiet on a sandboxed CI machine: without the background
 * networking ones it keeps trying to reach the internet.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * {@link CHROMIUM_PATH}, checked.
 * @throws {Error} saying how to install Chromium when the binary is missing.
 */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  return CHROMIUM_PATH;
}
