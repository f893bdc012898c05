// Test harness: a simulator on an ephemeral port and a small HTTP client that talks to it like an Intercom client.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startSimulator } from '../server.js';
import type { SimulatorOptions } from '../state.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
  /** Raw body text (sent as-is with the JSON content type unless headers say otherwise). */
  raw?: string;
}

export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'intercom-version': '2.11' };
  const token = options.token === undefined ? 'sim_token' : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers);
  const response = await fetch(baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/**
 * Starts one simulator for the test file (reset before each test) and returns helpers bound to it.
 * `sim.url` is only valid inside tests and hooks.
 */
export function useSimulator(options: SimulatorOptions = {}) {
  const handle = {
    url: '',
    /** Connections the simulator accepted since the last reset (keep-alive checks). */
    connections: 0,
    close: async () => {},
    api: <T = any>(method: string, path: string, body?: unknown, requestOptions?: RequestOptions) =>
      call<T>(handle.url, method, path, body, requestOptions),
    control: <T = any>(method: string, path: string, body?: unknown) =>
      call<T>(handle.url, method, `/_sim${path}`, body, { token: null }),
    /** The API requests the simulator logged since the last reset. */
    requests: async () => (await handle.control('GET', '/requests')).body.requests as any[],
    state: async () => (await handle.control('GET', '/state')).body.workspaces[0],
    /** Injects faults through POST /_sim/faults, throwing if the simulator refuses the spec. */
    faults: async (spec: Record<string, unknown>) => {
      const response = await handle.control('POST', '/faults', spec);
      if (response.status >= 400) throw new Error(`simulator control /faults answered ${response.status}: ${response.text}`);
    },
  };
  beforeAll(async () => {
    const started = await startSimulator(options);
    started.app.server.on('connection', () => {
      handle.connections += 1;
    });
    handle.url = started.url;
    handle.close = started.close;
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    await handle.control('POST', '/reset');
    handle.connections = 0;
  });
  return handle;
}

/** Intercom's error envelope with a request id, as every error answer must look. */
export function expectedError(code: string, message: string) {
  return { type: 'error.list', request_id: expect.any(String), errors: [{ code, message }] };
}
