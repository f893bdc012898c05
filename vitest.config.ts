// Test runner settings: the server's tests in node, the web app's component tests in happy-dom; tests beside the code.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // ferry processes started by tests log only what is worth reading in a failure; they deliver to the simulator, a
    // custom endpoint the operator must allow (R22). Tests of the refusal unset it.
    env: { FERRY_LOG_LEVEL: 'warn', FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'bench/**/*.test.ts', 'web/e2e/**/*.test.ts'],
          environment: 'node',
          // One throw-away PostgreSQL server for the run (src/store/postgres/test-support).
          globalSetup: ['src/store/postgres/test-support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom', setupFiles: ['web/src/test-support/setup.ts'] },
      },
    ],
  },
});
