import { defineConfig } from 'vitest/config';

// Four projects: fast unit tests beside the code, integration suites against a real PostGIS, browser suites in
// headless Chromium, and the benchmark harness (quick mode). `npm test` runs them all.
export default defineConfig({
  test: {
    // Two files at a time even on two cores: most suites wait on PostgreSQL, Chromium or a child process rather
    // than on the test's own thread (Vitest's default, cores − 1, ran the whole suite one file after another).
    // Browser files still run one at a time among themselves (fileParallelism: false below).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts', 'apps/web/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          // tests/faults: database faults (terminated backends, a throwaway cluster stopped and restarted).
          include: ['tests/integration/**/*.test.ts', 'tests/faults/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
