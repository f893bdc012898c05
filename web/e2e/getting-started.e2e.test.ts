// The seed page's Getting Started by clicking, in chromium against `ferry start` in sandbox mode: Catalog -> Configure
// (name, source) -> Settings -> Connect with Intercom at the simulator's authorize page, choosing a second workspace ->
// Test connection -> Enable; a mapping built with the condition builder, tested, saved; events from analytics-node
// delivered; a broken token pauses the destination everywhere, connecting again fixes it; a rejected delivery replayed.
// Every page accessible at 1280 and 390 px, no console problem. FERRY_SCREENSHOTS=1 saves the pages for the docs.
import { Analytics } from '@segment/analytics-node';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DESKTOP, expectAccessible, needChromium, newAppPage, PHONE, screenshot, signIn } from './support/browser.js';
import { ADMIN_TOKEN, sandboxApp } from './support/ferry.js';

const app = sandboxApp();

const SECOND = { name: 'Second Workspace', id_code: 'second1', region: 'EU' };

/** The simulator's second workspace: its contacts and data events. */
async function second(): Promise<{ contacts: any[]; events: any[] }> {
  const state = (await (await fetch(`${app.ferry!.sim!.url}/_sim/state`)).json()) as { workspaces: { id_code: string; contacts: any[]; events: any[] }[] };
  return state.workspaces.find((w) => w.id_code === SECOND.id_code)!;
}

/** Sends with Segment's Node library, as a customer's backend would. */
async function sendWithAnalyticsNode(calls: (analytics: Analytics) => void): Promise<void> {
  const analytics = new Analytics({ writeKey: app.ferry!.writeKey!, host: app.ferry!.url, flushAt: 10, flushInterval: 20 });
  calls(analytics);
  await analytics.closeAndFlush({ timeout: 10_000 });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Destination' }).getByRole('link', { name, exact: true });

it('gets started: configure, connect, map, test, enable, send, watch, pause, fix, replay', { timeout: 120_000 }, async (context) => {
  needChromium(context);
  const sim = app.ferry!.sim!;
  const added = await fetch(`${sim.url}/_sim/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SECOND) });
  expect(added.status).toBe(200);
  // The sample event's user already exists in that workspace, as customers' users do.
  const secondToken = ((await added.json()) as { token: string }).token;
  const seeded = await fetch(`${sim.url}/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secondToken}` },
    body: JSON.stringify({ role: 'user', external_id: 'user-123', email: 'sample@example.com' }),
  });
  expect(seeded.status).toBe(200);

  const { page, problems } = await newAppPage(app.browser!, DESKTOP);
  await signIn(page, app.ferry!.url, ADMIN_TOKEN);

  // Catalog: the type with its three actions.
  await page.getByRole('link', { name: 'Catalog' }).click();
  const card = page.getByRole('article', { name: 'Intercom Cloud Mode (Actions)' });
  for (const action of ['Identify Contact', 'Identify Company', 'Track Event']) await card.getByText(action, { exact: true }).waitFor();
  await expectAccessible(page, 'the Catalog');
  await screenshot(page, 'catalog');
  await card.getByRole('link', { name: 'Configure Intercom Cloud Mode (Actions)' }).click();

  // Configure: the source, a name, the id made from it; created disabled.
  await page.getByRole('heading', { name: 'Configure' }).waitFor();
  await page.getByLabel('Default source (default)').check();
  await page.getByLabel('Name').fill('Intercom Second');
  expect(await page.getByLabel('Id').inputValue()).toBe('intercom-second');
  await expectAccessible(page, 'Configure');
  const [createRequest] = await Promise.all([
    page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/destinations'),
    page.getByRole('button', { name: 'Create the destination (disabled)' }).click(),
  ]);
  expect(createRequest.postDataJSON()).toEqual({ id: 'intercom-second', type: 'intercom', name: 'Intercom Second', enabled: false, sources: ['default'] });
  expect((await createRequest.response())!.status()).toBe(201);

  // Settings: not connected yet; Connect with Intercom goes through the simulator's authorize page.
  await page.waitForURL(`${app.ferry!.url}/destinations/intercom-second/settings`);
  await page.getByText('Not connected: no access token is stored.').waitFor();
  await expectAccessible(page, 'Settings before connecting');
  const visited: string[] = [];
  page.on('framenavigated', (frame) => visited.push(frame.url()));
  await page.getByRole('button', { name: 'Connect with Intercom' }).click();
  await page.waitForURL((url) => url.origin === sim.url && url.pathname === '/oauth');
  await page.getByRole('button', { name: 'Connect Second Workspace (EU)' }).click();

  // Back in the app (the callback's redirect), connected to the workspace chosen; the address then drops "connected".
  await page.getByRole('status').filter({ hasText: 'Intercom connected ferry to the workspace Second Workspace.' }).waitFor();
  expect(visited).toContain(`${app.ferry!.url}/destinations/intercom-second/settings?connected=1`);
  await page.waitForURL(`${app.ferry!.url}/destinations/intercom-second/settings`);
  await page.getByText('Connected to Second Workspace (EU)').waitFor();

  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText('Intercom answered: workspace Second Workspace (second1, region EU).').waitFor();

  // Enable, after the confirmation naming what will flow.
  await page.getByRole('button', { name: 'Enable the destination…' }).click();
  const confirmation = page.getByRole('group', { name: 'Enable Intercom Second?' });
  expect(await confirmation.getByText(/^Events from/).textContent()).toBe(
    'Events from source Default source will be delivered to Intercom workspace Second Workspace through 3 preset mappings: ' +
      'Identify Contact, Identify Company, Track Event.',
  );
  await expectAccessible(page, 'Settings with the enable confirmation');
  await screenshot(page, 'settings-enable');
  await confirmation.getByRole('button', { name: 'Enable and start delivering' }).click();
  await page.getByText('Intercom Second is enabled.').waitFor();

  // The store holds the second workspace's token; the simulator's /me answers that workspace with it.
  const stored = (await app.ferry!.store.listDestinations()).find((d) => d.id === 'intercom-second')!;
  expect(stored).toMatchObject({ enabled: true, pausedReason: null, sources: ['default'], settings: { region: 'eu', endpoint: sim.url, workspace: { idCode: 'second1', name: 'Second Workspace' } } });
  const me = await fetch(`${sim.url}/me`, { headers: { authorization: `Bearer ${stored.settings.accessToken}`, accept: 'application/json' } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { app: unknown }).app).toMatchObject({ id_code: 'second1', name: 'Second Workspace', region: 'EU' });

  // Mappings: the presets (3 / 50); a Track Event mapping for "Order Completed" built with the condition builder,
  // tested on a sample event (sent for real), saved enabled; the preset Track Event switched off.
  await tab(page, 'Mappings').click();
  await page.getByRole('heading', { name: 'Mappings', exact: true }).waitFor();
  expect(await page.getByLabel('3 of at most 50 mappings').textContent()).toBe('3 / 50');
  await page.getByRole('link', { name: 'Add mapping' }).click();
  await page.getByRole('heading', { name: 'Mapping', exact: true }).waitFor();
  await page.getByRole('radio', { name: /Track Event/ }).check();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Condition 2: value').fill('Order Completed');
  await page.getByLabel('Mapping name').fill('Orders');
  await page.getByRole('checkbox', { name: /Enabled/ }).check();
  await page.getByRole('button', { name: 'Send test event' }).click();
  await page.getByText('The trigger matches this event').waitFor();
  await page.getByRole('article', { name: 'Mapping Orders: Delivered' }).waitFor();
  const sampleUser = (await second()).contacts.find((c) => c.external_id === 'user-123');
  expect((await second()).events.map((e) => [e.event_name, e.contact_id])).toEqual([['Order Completed', sampleUser.id]]);
  await expectAccessible(page, 'the mapping editor with a test outcome');
  await screenshot(page, 'mapping-editor');
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await page.getByRole('link', { name: 'Orders', exact: true }).waitFor();
  expect(await page.getByLabel('4 of at most 50 mappings').textContent()).toBe('4 / 50');
  await page.getByRole('switch', { name: 'Enable Track Event' }).uncheck();
  await page.getByRole('status').getByText('Track Event disabled.').waitFor();
  await expectAccessible(page, 'the mappings list');
  await screenshot(page, 'mappings');

  // Events from analytics-node reach the second workspace through the mapping; the deliveries show them.
  await sendWithAnalyticsNode((analytics) => {
    analytics.identify({ userId: 'u-ada', traits: { email: 'ada@example.com', name: 'Ada Lovelace' } });
    analytics.track({ userId: 'u-ada', event: 'Order Completed', properties: { order_id: 'A-1', revenue: 19.99, currency: 'EUR' } });
  });
  await until(async () => (await second()).events.length === 2, 'the track in the second workspace');
  const ada = (await second()).contacts.find((c) => c.external_id === 'u-ada');
  expect([ada.email, ada.name]).toEqual(['ada@example.com', 'Ada Lovelace']);
  expect((await second()).events[1]).toMatchObject({ event_name: 'Order Completed', contact_id: ada.id, metadata: { order_id: 'A-1' } });
  await tab(page, 'Deliveries').click();
  const table = page.getByRole('table', { name: 'Deliveries, newest first' });
  await table.locator('td', { hasText: /^OrderstrackEvent$/ }).waitFor();
  await table.locator('td', { hasText: /^Identify ContactidentifyContact$/ }).waitFor();
  await expectAccessible(page, 'the deliveries');

  // A broken token: Intercom refuses it, the destination pauses (shown on every page with the fix), its events wait.
  await tab(page, 'Settings').click();
  await page.getByLabel('Or paste an access token').fill('a-token-intercom-refuses');
  await page.getByRole('button', { name: 'Save the token' }).click();
  await page.getByText('The token is saved.', { exact: false }).waitFor();
  await sendWithAnalyticsNode((analytics) => analytics.track({ userId: 'u-ada', event: 'Order Completed', properties: { order_id: 'A-2' } }));
  await until(async () => (await app.ferry!.store.listDestinations()).some((d) => d.id === 'intercom-second' && d.pausedReason !== null), 'the pause');
  await page.reload();
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
  const banner = page.getByRole('alert', { name: 'Paused destinations' });
  expect(await banner.textContent()).toContain('Intercom Second is paused:');
  await expectAccessible(page, 'Settings of a paused destination');
  await screenshot(page, 'paused');
  expect((await second()).events).toHaveLength(2);

  // Fixed by connecting again: the pause ends and the waiting event is delivered.
  await page.getByRole('button', { name: 'Connect with Intercom' }).click();
  await page.waitForURL((url) => url.origin === sim.url && url.pathname === '/oauth');
  await page.getByRole('button', { name: 'Connect Second Workspace (EU)' }).click();
  await page.getByText('Connected to Second Workspace (EU)').waitFor();
  await until(async () => (await second()).events.length === 3, 'the waiting event after the fix');
  await page.reload();
  await page.getByText('Connected to Second Workspace (EU)').waitFor();
  expect(await banner.count()).toBe(0);

  // Intercom refuses one event (a fault injected in the simulator): rejected, then replayed from the Deliveries page.
  const fault = { status: 400, count: 1, path: '/events', workspace: SECOND.id_code, code: 'parameter_invalid', message: 'Simulated refusal' };
  await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  await sendWithAnalyticsNode((analytics) => analytics.track({ userId: 'u-ada', event: 'Order Completed', properties: { order_id: 'A-3' } }));
  await tab(page, 'Deliveries').click();
  await page.getByLabel('Rejected', { exact: true }).check();
  await table.locator('td', { hasText: /^Rejected$/ }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Replay rejected deliveries…' }).click();
  await page.getByRole('group', { name: 'Confirm the replay' }).getByRole('button', { name: /^Replay 1 rejected deliver/ }).click();
  await until(async () => (await second()).events.length === 4, 'the replayed event');
  expect((await second()).events.slice(1).map((e) => [e.contact_id, e.metadata.order_id])).toEqual([[ada.id, 'A-1'], [ada.id, 'A-2'], [ada.id, 'A-3']]);

  // The list shows it enabled, fed by its source.
  await page.getByRole('link', { name: 'Destinations' }).click();
  const listed = page.getByRole('article', { name: 'Intercom Second' });
  await listed.getByText('Enabled', { exact: true }).waitFor();
  expect(await listed.textContent()).toContain('SourcesDefault source');
  await expectAccessible(page, 'the Destinations');
  await screenshot(page, 'destinations');
  expect(problems).toEqual([]);
  await page.context().close();

  // The same pages on a phone.
  const phone = await newAppPage(app.browser!, PHONE);
  await signIn(phone.page, app.ferry!.url, ADMIN_TOKEN);
  await expectAccessible(phone.page, 'the Destinations on a phone');
  for (const [path, heading] of [['/catalog', 'Catalog'], ['/catalog/intercom', 'Configure'], ['/destinations/intercom-second/settings', 'Settings']]) {
    await phone.page.goto(`${app.ferry!.url}${path}`);
    await phone.page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await expectAccessible(phone.page, `${path} on a phone`);
  }
  await phone.page.getByRole('button', { name: 'Disable the destination…' }).click();
  await phone.page.getByRole('group', { name: 'Disable Intercom Second?' }).waitFor();
  await expectAccessible(phone.page, 'the disable confirmation on a phone');
  expect(phone.problems).toEqual([]);
  await phone.page.context().close();
});
