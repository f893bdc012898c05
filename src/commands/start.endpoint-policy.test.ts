// R22 at the operator's level: without FERRY_ALLOW_CUSTOM_ENDPOINTS a config with a custom endpoint is refused, and a
// destination stored with one is paused — its events wait, nothing is sent — until the operator allows it.
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { startFerry } from './start.js';
import { ADMIN_TOKEN, admin, send, tempDir, unfinishedJobs, waitFor, writeConfig } from './test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startFerry>> | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await ferry?.stop();
  ferry = undefined;
});

const start = (dataDir: string, config?: string) =>
  startFerry({ config, port: 0, host: '127.0.0.1', dataDir, simPort: 0, quiet: true, adminToken: ADMIN_TOKEN, worker: { idlePollMs: 50 } });

it('refuses a config file with a custom endpoint, naming the line and the variable', async () => {
  vi.stubEnv('FERRY_ALLOW_CUSTOM_ENDPOINTS', undefined);
  const dir = tempDir();
  const config = writeConfig(dir, sim.url);
  await expect(start(join(dir, 'data'), config)).rejects.toThrow(
    `${config}:9: destinations[0].settings.endpoint: is not Intercom's host for region "us" (https://api.intercom.io): the access ` +
      'token is sent only to Intercom, unless ferry is started with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (for the simulator or a proxy); ' +
      'leave endpoint out to deliver to Intercom',
  );
});

it('pauses a stored destination whose endpoint is no longer allowed; its events wait and go once the operator allows it', async () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  ferry = await start(dataDir, writeConfig(dir, sim.url));
  await ferry.stop();

  vi.stubEnv('FERRY_ALLOW_CUSTOM_ENDPOINTS', '');
  ferry = await start(dataDir);
  const [paused] = (await admin(ferry.url, 'GET', '/api/destinations')).body;
  expect(paused.pausedReason).toBe(
    `settings.endpoint: is not Intercom's host for region "us" (https://api.intercom.io): the access token is sent only to ` +
      'Intercom, unless ferry is started with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (for the simulator or a proxy); leave endpoint out to deliver to Intercom',
  );
  expect(ferry.sim).toBeUndefined();
  expect((await send(ferry.url, '/v1/identify', { userId: 'waits', traits: { email: 'waits@example.com' } })).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await unfinishedJobs(ferry.store)).toBe(1);
  expect(await sim.requests()).toEqual([]);
  await ferry.stop();

  vi.stubEnv('FERRY_ALLOW_CUSTOM_ENDPOINTS', '1');
  ferry = await start(dataDir);
  await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 15_000, 'the waiting event delivered');
  expect((await sim.state()).contacts.map((c: any) => c.external_id)).toEqual(['waits']);
  expect((await admin(ferry.url, 'GET', '/api/destinations')).body[0].pausedReason).toBeNull();
});
