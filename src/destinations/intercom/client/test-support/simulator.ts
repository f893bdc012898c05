// Test helper: a real Intercom simulator on an ephemeral port for one test file, reset before each test.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSimulator } from '../../../../../sim/intercom/server.js';
import type { SimulatorOptions } from '../../../../../sim/intercom/state.js';

export interface SimulatorHandle {
  url: string;
  /** Connections the simulator accepted since the last reset (keep-alive checks). */
  connections: number;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any>;
  /** Injects faults through POST /_sim/faults. */
  faults(spec: Record<string, unknown>): Promise<void>;
  /** The API requests logged since the last reset. */
  requests(): Promise<any[]>;
}

export function useSimulator(options: SimulatorOptions = {}): SimulatorHandle {
  let close = async () => {};
  const handle: SimulatorHandle = {
    url: '',
    connections: 0,
    async control(method, path, body) {
      const response = await fetch(`${handle.url}/_sim${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 400) throw new Error(`simulator control ${path} answered ${response.status}: ${text}`);
      return text === '' ? undefined : JSON.parse(text);
    },
    async faults(spec) {
      await handle.control('POST', '/faults', spec);
    },
    async requests() {
      return (await handle.control('GET', '/requests')).requests;
    },
  };
  beforeAll(async () => {
    const started = await startSimulator(options);
    started.app.server.on('connection', () => {
      handle.connections += 1;
    });
    handle.url = started.url;
    close = started.close;
  });
  afterAll(async () => close());
  beforeEach(async () => {
    await fetch(`${handle.url}/_sim/reset`, { method: 'POST' });
    handle.connections = 0;
  });
  return handle;
}
