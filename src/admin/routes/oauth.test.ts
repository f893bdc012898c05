// OAuth connect end to end against the simulator: start -> ferry's link -> authorize page -> pick the EU workspace ->
// callback, in one browser; refusals.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { loadSecretKey } from '../../commands/secret-key.js';
import { ADMIN_TOKEN, admin, send, startTestFerry, waitFor } from '../../commands/test-support/ferry.js';
import { createState } from '../oauth-state.js';
import { Browser, authorize, chooseWorkspace, openLink, openPage } from '../test-support/oauth-browser.js';

const CLIENT = { clientId: 'ferry_test_client', clientSecret: 'ferry_test_secret_0123456789' };
const sim = useSimulator({ oauthClients: [CLIENT] });
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;

beforeEach(async () => {
  vi.stubEnv('INTERCOM_CLIENT_ID', CLIENT.clientId);
  vi.stubEnv('INTERCOM_CLIENT_SECRET', CLIENT.clientSecret);
  expect((await sim.control('POST', '/workspaces', { name: 'Europe Co', region: 'EU', id_code: 'eu1' })).status).toBe(200);
  ferry = await startTestFerry(sim.url);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await ferry?.stop();
  ferry = undefined;
});

const destination = async (id = 'intercom') => (await ferry!.store.listDestinations()).find((d) => d.id === id);
const start = async (id = 'intercom') => admin(ferry!.url, 'POST', `/api/destinations/${id}/oauth/start`);

/** A browser that opened ferry's link and chose `workspace`, and the callback URL Intercom sends it to. */
async function callbackUrl(workspace = 'eu1'): Promise<{ browser: Browser; url: string }> {
  const started = await start();
  expect(started.status).toBe(200);
  const browser = new Browser();
  return { browser, url: await authorize(browser, started.body.url, workspace) };
}

const tamper = (url: string, change: (state: string) => string) => {
  const target = new URL(url);
  target.searchParams.set('state', change(target.searchParams.get('state')!));
  return target.toString();
};

const REFUSED_BROWSER = 'This answer from Intercom reached another browser than the one that opened the link, or the connection was finished already.';
/** A failure page of a flow known to be for the destination links back to its settings in the web app. */
const BACK_TO_SETTINGS = '<p><a href="/destinations/intercom/settings">Back to the settings of &quot;intercom&quot;</a></p>';

describe('POST /api/destinations/:id/oauth/start and the link it answers', () => {
  it("answers ferry's one-time link, which binds the browser and sends it to the endpoint's authorize page", async () => {
    const res = await start();
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['url']);
    const link = new URL(res.body.url);
    expect(`${link.origin}${link.pathname}`).toBe(`${ferry!.url}/oauth/intercom/begin`);
    expect([...link.searchParams.keys()]).toEqual(['state']);
    const state = link.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

    const page = await new Browser().open(res.body.url);
    expect(page.status).toBe(302);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const url = new URL(page.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.url}/oauth`);
    expect([...url.searchParams.keys()]).toEqual(['client_id', 'state', 'redirect_uri']);
    expect(url.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('redirect_uri')).toBe(`${ferry!.url}/oauth/intercom/callback`);
    const cookies = page.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^ferry_oauth_[A-Za-z0-9_-]{22}=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/oauth\/intercom; HttpOnly; SameSite=Lax$/);
    for (const text of [res.body.url, page.headers.get('location')!, cookies[0]!]) {
      expect(text).not.toContain(CLIENT.clientSecret);
      expect(text).not.toContain(ADMIN_TOKEN);
    }
  });

  it('works once: a second opening of the link is refused', async () => {
    const res = await start();
    await openLink(new Browser(), res.body.url);
    const again = await new Browser().open(res.body.url);
    expect(again.status).toBe(403);
    expect(again.text).toContain('This link was opened already (each works once, in one browser).');
    expect(again.text).toContain(BACK_TO_SETTINGS);
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it("goes to the region's Intercom authorize page for a destination without an endpoint override", async () => {
    await ferry!.store.upsertDestination({ id: 'eu-dest', type: 'intercom', enabled: true, settings: { region: 'eu', apiVersion: '2.11', accessToken: 'x' } });
    const res = await start('eu-dest');
    expect(res.status).toBe(200);
    const location = await openLink(new Browser(), res.body.url);
    expect(location).toMatch(/^https:\/\/app\.eu\.intercom\.com\/oauth\?client_id=ferry_test_client&state=[\w.-]+&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Foauth%2Fintercom%2Fcallback$/);
  });

  it('409 when Intercom client credentials are missing', async () => {
    vi.stubEnv('INTERCOM_CLIENT_SECRET', '');
    const res = await start();
    expect(res).toEqual({ status: 409, body: { error: { code: 'FERRY_ERR_OAUTH_NOT_CONFIGURED', message: "OAuth with Intercom needs INTERCOM_CLIENT_SECRET in ferry's environment (the client id and secret of your Intercom app)" } } });
  });

  it('404 for an unknown destination', async () => {
    expect(await start('nope')).toEqual({ status: 404, body: { error: { code: 'FERRY_ERR_NOT_FOUND', message: "destination 'nope' does not exist" } } });
  });

  it('401 without the admin token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong']) {
      const res = await fetch(`${ferry!.url}/api/destinations/intercom/oauth/start`, { method: 'POST', headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'a valid admin token is required (Authorization: Bearer <token>)' } });
    }
  });

  it('is in the OpenAPI document; the link and the callback are not', async () => {
    const doc = (await (await fetch(`${ferry!.url}/api/openapi.json`)).json()) as any;
    expect(Object.keys(doc.paths['/api/destinations/{id}/oauth/start'])).toEqual(['post']);
    expect(doc.paths['/api/destinations/{id}/oauth/start'].post.responses['200'].content['application/json'].schema.properties.url.type).toBe('string');
    expect(doc.paths['/oauth/intercom/callback']).toBeUndefined();
    expect(doc.paths['/oauth/intercom/begin']).toBeUndefined();
  });
});

describe('GET /oauth/intercom/callback', () => {
  it('stores the chosen workspace\'s token, region and name; deliveries go to that workspace', async () => {
    const { browser, url } = await callbackUrl('eu1');
    const page = await browser.open(url);
    // Back into the web app's settings of the destination, which shows the workspace connected.
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`${ferry!.url}/destinations/intercom/settings?connected=1`);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(browser.cookies(ferry!.url).size).toBe(0);
    const d = (await destination())!;
    expect(d.settings).toMatchObject({ region: 'eu', endpoint: sim.url, workspace: { idCode: 'eu1', name: 'Europe Co' } });
    expect(d.settings.accessToken).toMatch(/^sim_oauth_/);
    expect(page.text).not.toContain(d.settings.accessToken);

    const tested = await admin(ferry!.url, 'POST', '/api/destinations/intercom/test-connection');
    expect(tested.status).toBe(200);
    expect(JSON.stringify(tested.body)).toContain('Europe Co');
    expect(JSON.stringify(tested.body)).not.toContain(d.settings.accessToken);

    expect((await send(ferry!.url, '/v1/identify', { userId: 'oauth-user', traits: { email: 'eu@example.com' } })).status).toBe(200);
    const contactsOf = async (workspace: string) =>
      (await sim.control('GET', `/state?workspace=${workspace}`)).body.workspaces[0].contacts.map((c: any) => c.external_id);
    await waitFor(async () => (await contactsOf('eu1')).includes('oauth-user'), 15_000, 'the contact in the EU workspace');
    expect(await contactsOf('sandbox1')).toEqual([]);
  });

  it('refuses a replayed callback with 403 and changes nothing', async () => {
    const { browser, url } = await callbackUrl('eu1');
    expect((await browser.open(url)).status).toBe(303);
    const after = await destination();
    const again = await browser.open(url);
    expect(again.status).toBe(403);
    expect(again.text).toContain(REFUSED_BROWSER);
    expect(again.text).toContain(BACK_TO_SETTINGS);
    expect(await destination()).toEqual(after);
  });

  it('exchanges one code per state: of two callbacks at once, the second is refused and its token dropped', async () => {
    const started = await start();
    const browser = new Browser();
    const authorizeUrl = await openLink(browser, started.body.url);
    const [first, second] = [await chooseWorkspace(authorizeUrl, 'eu1', browser), await chooseWorkspace(authorizeUrl, 'sandbox1', browser)];
    const pages = await Promise.all([browser.open(first), browser.open(second)]);
    expect(pages.map((p) => p.status).sort()).toEqual([303, 403]);
    expect(pages.find((p) => p.status === 403)!.text).toContain('This link was used already (each works once).');
    const connected = pages[0]!.status === 303 ? 'eu1' : 'sandbox1';
    expect((await destination())!.settings.workspace).toMatchObject({ idCode: connected });
  });

  it('refuses the callback in a browser that did not open the link (a code sent with another flow\'s state)', async () => {
    const victim = await callbackUrl('eu1');
    // The attacker walks a flow of their own, then swaps in the victim's state with their own code.
    const attacker = await callbackUrl('sandbox1');
    const before = await destination();
    const swapped = tamper(attacker.url, () => new URL(victim.url).searchParams.get('state')!);
    for (const page of [await attacker.browser.open(swapped), await openPage(victim.url)]) {
      expect(page.status).toBe(403);
      expect(page.text).toContain(REFUSED_BROWSER);
    }
    expect(await destination()).toEqual(before);
    // The victim's own flow is unharmed.
    expect((await victim.browser.open(victim.url)).status).toBe(303);
  });

  it.each([
    ['a tampered state', (s: string) => s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11), 'its state does not verify'],
    ['another ferry\'s state', () => createState({ destinationId: 'intercom', apiBase: sim.url }, Buffer.alloc(32, 7)).value, 'its state does not verify'],
    ['a made-up state', () => 'hello', 'not a valid ferry OAuth link'],
    ['no state', () => '', 'not a valid ferry OAuth link'],
  ])('refuses %s with 403 and changes nothing', async (_name, change, message) => {
    const before = await destination();
    const { browser, url } = await callbackUrl('eu1');
    const page = await browser.open(tamper(url, change));
    expect(page.status).toBe(403);
    expect(page.text).toContain('<h1>Connection refused</h1>');
    expect(page.text).toContain(message);
    // Whose flow it was is unknown: the link leads to ferry's start, not to a destination named by an unverified state.
    expect(page.text).toContain('<p><a href="/">Back to ferry</a></p>');
    expect(await destination()).toEqual(before);
  });

  it('refuses an expired state with 403 and changes nothing', async () => {
    const key = loadSecretKey(join(ferry!.dir, 'data'), pino({ enabled: false }));
    const expired = createState({ destinationId: 'intercom', apiBase: sim.url }, key, { now: new Date(Date.now() - 11 * 60_000) }).value;
    const before = await destination();
    const { browser, url } = await callbackUrl('eu1');
    const page = await browser.open(tamper(url, () => expired));
    expect(page.status).toBe(403);
    expect(page.text).toContain('This link has expired (it is valid for 10 minutes).');
    expect(await destination()).toEqual(before);
  });

  it('502 when Intercom refuses the code, without echoing the code or the secret; the state stays usable', async () => {
    const started = await start();
    const browser = new Browser();
    const authorizeUrl = await openLink(browser, started.body.url);
    const url = await chooseWorkspace(authorizeUrl, 'eu1', browser);
    const code = new URL(url).searchParams.get('code')!;
    // Someone else spends the code first.
    expect((await sim.api('POST', '/auth/eagle/token', { code, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }, { token: null })).status).toBe(200);
    const before = await destination();
    const page = await browser.open(url);
    expect(page.status).toBe(502);
    expect(page.text).toContain('Intercom refused the authorization code (400 invalid_grant: The authorization code is invalid, expired or already used)');
    expect(page.text).not.toContain(code);
    expect(page.text).toContain(BACK_TO_SETTINGS);
    expect(await destination()).toEqual(before);
    // A bogus code does not burn the state: the same flow finishes with a good one.
    const bogus = await browser.open(`${ferry!.url}/oauth/intercom/callback?${new URLSearchParams({ code: 'bogus', state: new URL(url).searchParams.get('state')! })}`);
    expect(bogus.status).toBe(502);
    expect((await browser.open(await chooseWorkspace(authorizeUrl, 'eu1', browser))).status).toBe(303);
    expect((await destination())!.settings.workspace).toEqual({ idCode: 'eu1', name: 'Europe Co' });
  });

  it('502 when the client secret is wrong, without echoing it', async () => {
    const { browser, url } = await callbackUrl('eu1');
    vi.stubEnv('INTERCOM_CLIENT_SECRET', 'wrong_secret_987654321');
    const page = await browser.open(url);
    expect(page.status).toBe(502);
    expect(page.text).toContain('Intercom refused the authorization code (401 unauthorized: Client credentials are invalid)');
    expect(page.text).not.toContain('wrong_secret_987654321');
  });

  it("409 when the destination's endpoint changed while the user was at Intercom: the token never follows it", async () => {
    const { browser, url } = await callbackUrl('eu1');
    const d = (await destination())!;
    const { pausedReason: _p, ...config } = d;
    await ferry!.store.upsertDestination({ ...config, settings: { ...d.settings, endpoint: 'http://127.0.0.1:9' } });
    const page = await browser.open(url);
    expect(page.status).toBe(409);
    expect(page.text).toContain("The destination&#39;s endpoint changed while you were at Intercom. Nothing was changed.");
    expect((await destination())!.settings.accessToken).toBe(d.settings.accessToken);
  });

  it('404 page when the destination was deleted meanwhile; 400 without a code', async () => {
    const { browser, url } = await callbackUrl('eu1');
    const noCode = new URL(url);
    noCode.searchParams.delete('code');
    const missing = await browser.open(noCode.toString());
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Intercom sent no authorization code; nothing was changed.');
    expect(missing.text).toContain(BACK_TO_SETTINGS);

    const second = await callbackUrl('eu1');
    expect(await ferry!.store.deleteDestination('intercom')).toBe(true);
    const page = await second.browser.open(second.url);
    expect(page.status).toBe(404);
    expect(page.text).toContain('The destination &quot;intercom&quot; no longer exists.');
  });
});
