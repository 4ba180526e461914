import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on CI machines: keep workers modest so e2e spawns are not starved.
    maxWorkers: 2,
    testTimeout: 20000,
  },
});
