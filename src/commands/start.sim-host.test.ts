// Sandbox mode: the in-process simulator (whose /_sim control API has no authentication) stays on loopback even when
// ferry itself listens on every interface.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFerry } from './start.js';
import { ADMIN_TOKEN, tempDir } from './test-support/ferry.js';

const stops: (() => Promise<void>)[] = [];
let savedToken: string | undefined;
beforeEach(() => {
  savedToken = process.env.INTERCOM_ACCESS_TOKEN;
  delete process.env.INTERCOM_ACCESS_TOKEN;
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  if (savedToken !== undefined) process.env.INTERCOM_ACCESS_TOKEN = savedToken;
});

async function startSandbox(host: string, simHost?: string) {
  const ferry = await startFerry({
    port: 0, host, dataDir: join(tempDir(), 'data'), simPort: 0, quiet: true, adminToken: ADMIN_TOKEN,
    ...(simHost === undefined ? {} : { simHost }),
  });
  stops.push(ferry.stop);
  expect(ferry.sim).toBeDefined();
  return { ferry, port: (ferry.app.server.address() as { port: number }).port, simPort: ferry.sim!.address().port };
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// An address of this machine other than loopback, when it has one.
const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('the sandbox simulator', () => {
  it('listens on 127.0.0.1 while ferry listens on 0.0.0.0', async () => {
    const { ferry, port, simPort } = await startSandbox('0.0.0.0');
    expect(ferry.app.server.address()).toMatchObject({ address: '0.0.0.0' });
    expect(ferry.sim!.address()).toMatchObject({ address: '127.0.0.1' });
    expect(await (await fetch(`${ferry.sim!.url}/_sim/state`)).json()).toHaveProperty('workspaces');
    if (outside) {
      expect(await accepts(outside, port)).toBe(true);
      expect(await accepts(outside, simPort)).toBe(false);
    }
  });

  it('listens where simHost says, whatever ferry\'s own host', async () => {
    const { ferry } = await startSandbox('127.0.0.1', '0.0.0.0');
    expect(ferry.app.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(ferry.sim!.address()).toMatchObject({ address: '0.0.0.0' });
  });
});
