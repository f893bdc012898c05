// Test support for the admin API: a real ferry per test (temp SQLite, delivering to the simulator) and raw calls.
import { afterEach } from 'vitest';
import { startTestFerry } from '../../commands/test-support/ferry.js';

export type TestFerry = Awaited<ReturnType<typeof startTestFerry>>;

/** Starts ferry on demand (`start()`), stopping it after each test. */
export function useFerry(simUrl: () => string) {
  const handle = {
    ferry: undefined as TestFerry | undefined,
    start: async (options: Parameters<typeof startTestFerry>[1] = {}) => {
      handle.ferry = await startTestFerry(simUrl(), options);
      return handle.ferry;
    },
  };
  afterEach(async () => {
    await handle.ferry?.stop();
    handle.ferry = undefined;
  });
  return handle;
}

/** A call with a chosen Authorization header (or none): for the 401 checks. */
export async function callWithAuth(url: string, method: string, path: string, authorization?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

export const UNAUTHORIZED = {
  error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'a valid admin token is required (Authorization: Bearer <token>)' },
};
