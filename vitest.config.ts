import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@core': resolve(import.meta.dirname, 'core') } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A poll waits only as long as the app needs; a loaded CI machine can need several seconds for a run.
          expect: { poll: { timeout: 15_000 } },
          // One Chromium at a time: two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
