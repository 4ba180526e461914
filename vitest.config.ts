import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on CI machines: keep workers modest so e2e spawns are not starved.
    maxWorkers: 2,
    testTimeout: 20000,
    // The JSON summary lets .ci/run print a plain "N passed, N failed" line any CI log reader knows.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
  },
});
