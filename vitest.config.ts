// Test runner settings: node environment, tests beside the code.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // ferry processes started by tests log only what is worth reading in a failure.
    env: { FERRY_LOG_LEVEL: 'warn' },
  },
});
