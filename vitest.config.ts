// Test runner settings: node environment, tests beside the code.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // ferry processes started by tests log only what is worth reading in a failure; they deliver to the simulator, a
    // custom endpoint the operator must allow (R22). Tests of the refusal unset it.
    env: { FERRY_LOG_LEVEL: 'warn', FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' },
  },
});
