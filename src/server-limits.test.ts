// The HTTP server's timeouts and connection cap: defaults, FERRY_* variables, and clear errors for bad values.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFerryProcess } from './admin/test-support/ferry-process.js';
import { tempDir } from './commands/test-support/ferry.js';
import { DEFAULT_SERVER_LIMITS, resolveServerLimits, serverLimitsFromEnv } from './server-limits.js';

describe('server limits', () => {
  it('reads the FERRY_* variables over the defaults', () => {
    const env = {
      FERRY_HEADERS_TIMEOUT_MS: '2000', FERRY_REQUEST_TIMEOUT_MS: '4000', FERRY_KEEP_ALIVE_TIMEOUT_MS: '65000',
      FERRY_IDLE_TIMEOUT_MS: '90000', FERRY_MAX_CONNECTIONS: '100', FERRY_MAX_SOMETHING_ELSE: 'x',
    };
    expect(resolveServerLimits(serverLimitsFromEnv(env))).toEqual({
      headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 65000, idleTimeoutMs: 90000, maxConnections: 100,
      checkIntervalMs: DEFAULT_SERVER_LIMITS.checkIntervalMs,
    });
    expect(resolveServerLimits(serverLimitsFromEnv({ FERRY_MAX_CONNECTIONS: '' }))).toEqual(DEFAULT_SERVER_LIMITS);
  });

  it('refuses a value that is not a whole number in range, naming the variable', () => {
    for (const text of ['abc', '0', '-5', '1e3', ' 5', '2.5', '9999999999']) {
      expect(() => serverLimitsFromEnv({ FERRY_REQUEST_TIMEOUT_MS: text })).toThrow(
        expect.objectContaining({
          code: 'FERRY_ERR_CONFIG_INVALID',
          message: `FERRY_REQUEST_TIMEOUT_MS must be a whole number from 1 to 2147483647 (milliseconds); got '${text}'.`,
        }),
      );
    }
    expect(() => serverLimitsFromEnv({ FERRY_MAX_CONNECTIONS: '0' })).toThrow("FERRY_MAX_CONNECTIONS must be a whole number from 1 to 1000000; got '0'.");
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => resolveServerLimits({ headersTimeoutMs: 40_000 })).toThrow(
      'FERRY_HEADERS_TIMEOUT_MS (40000 ms) must not be longer than FERRY_REQUEST_TIMEOUT_MS (30000 ms): the headers are part of the request.',
    );
  });

  it('a bad variable stops `ferry start` with exit code 2 before it touches the data dir', async () => {
    const dataDir = join(tempDir('ferry-limits-'), 'data');
    const env = { ...process.env, CI: '1', FERRY_IDLE_TIMEOUT_MS: 'soon' };
    await expect(startFerryProcess(['--port', '0', '--sim-port', '0', '--data-dir', dataDir], env)).rejects.toThrow(
      /exited \(2\) before it started:\nferry: FERRY_IDLE_TIMEOUT_MS must be a whole number/,
    );
    expect(existsSync(dataDir)).toBe(false);
  });
});
