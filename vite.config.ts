import { defineConfig } from 'vitest/config';

// One vitest project per runtime (Hono's layout): logic is tested once in Node; the browser
// projects run the conformance suite and the host-specific smoke tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
