// OAuth in sandbox mode: `ferry start` without a token authorizes at its in-process simulator and stays pointed at it.
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { startFerry } from '../../commands/start.js';
import { ADMIN_TOKEN, admin, tempDir, waitFor } from '../../commands/test-support/ferry.js';
import { Browser, chooseWorkspace, openLink } from '../test-support/oauth-browser.js';

let ferry: Awaited<ReturnType<typeof startFerry>> | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await ferry?.stop();
  ferry = undefined;
});

it("connects the default destination to the simulator's workspace with the simulator's client", async () => {
  // Without FERRY_ALLOW_CUSTOM_ENDPOINTS: the sandbox allows its own simulator, and nothing else (R22).
  for (const name of ['INTERCOM_ACCESS_TOKEN', 'INTERCOM_CLIENT_ID', 'INTERCOM_CLIENT_SECRET', 'FERRY_PUBLIC_URL', 'FERRY_ALLOW_CUSTOM_ENDPOINTS']) {
    vi.stubEnv(name, undefined);
  }
  ferry = await startFerry({
    port: 0, host: '127.0.0.1', dataDir: join(tempDir(), 'data'), simPort: 0, quiet: true, adminToken: ADMIN_TOKEN,
    worker: { idlePollMs: 50 },
  });
  const simUrl = ferry.sim!.url;
  const started = await admin(ferry.url, 'POST', '/api/destinations/intercom/oauth/start');
  expect(started.status).toBe(200);
  expect(started.body.url.startsWith(`${ferry.url}/oauth/intercom/begin?state=`)).toBe(true);
  const browser = new Browser();
  const authorizeUrl = await openLink(browser, started.body.url);
  expect(authorizeUrl.startsWith(`${simUrl}/oauth?client_id=sim_client&state=`)).toBe(true);

  const page = await browser.open(await chooseWorkspace(authorizeUrl, 'sandbox1', browser));
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toBe(`${ferry.url}/destinations/intercom/settings?connected=1`);
  const [destination] = await ferry.store.listDestinations();
  expect(destination!.settings).toMatchObject({ region: 'us', endpoint: simUrl, workspace: { idCode: 'sandbox1', name: 'Sandbox' } });
  expect(destination!.settings.accessToken).toMatch(/^sim_oauth_/);

  // Deliveries now use the OAuth token, still at the simulator that issued it.
  const identify = await fetch(`${ferry.url}/v1/identify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ writeKey: ferry.writeKey, userId: 'sandbox-oauth', traits: { email: 's@example.com' } }),
  });
  expect(identify.status).toBe(200);
  await waitFor(async () => {
    const state = (await (await fetch(`${simUrl}/_sim/state`)).json()) as any;
    return state.workspaces[0].contacts.some((c: any) => c.external_id === 'sandbox-oauth');
  }, 15_000, 'the contact in the sandbox simulator');
});
