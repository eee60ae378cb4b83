import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Whole-process tests start servers on ephemeral ports; two workers match the 2-core machine.
    maxWorkers: 2,
    pool: 'forks',
  },
});
