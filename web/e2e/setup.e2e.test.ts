// Getting started in chromium against a sandbox ferry: Catalog -> Configure (name, source) -> Settings -> Connect with
// Intercom at the simulator's authorize page, choosing a second workspace -> back in the app -> Test connection ->
// Enable after the confirmation; the store then holds that workspace's token. Accessible at 1280 and 390 px.
import type { Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM, DESKTOP, expectAccessible, launchChromium, needChromium, newAppPage, PHONE, screenshot, signIn } from './support/browser.js';
import { ADMIN_TOKEN, startSandboxFerry } from './support/ferry.js';

let ferry: Awaited<ReturnType<typeof startSandboxFerry>> | undefined;
let browser: Browser | undefined;
beforeAll(async () => {
  if (!existsSync(CHROMIUM) && !process.env.CI) return;
  ferry = await startSandboxFerry();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ferry?.stop();
});

const SECOND = { name: 'Second Workspace', id_code: 'second1', region: 'EU' };

it('sets up a destination: configure, connect a second workspace with OAuth, test, enable', { timeout: 60_000 }, async (context) => {
  needChromium(context);
  const sim = ferry!.sim!;
  const added = await fetch(`${sim.url}/_sim/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SECOND) });
  expect(added.status).toBe(200);

  const { page, problems } = await newAppPage(browser!, DESKTOP);
  await signIn(page, ferry!.url, ADMIN_TOKEN);

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
  await page.waitForURL(`${ferry!.url}/destinations/intercom-second/settings`);
  await page.getByText('Not connected: no access token is stored.').waitFor();
  await expectAccessible(page, 'Settings before connecting');
  const visited: string[] = [];
  page.on('framenavigated', (frame) => visited.push(frame.url()));
  await page.getByRole('button', { name: 'Connect with Intercom' }).click();
  await page.waitForURL((url) => url.origin === sim.url && url.pathname === '/oauth');
  await page.getByRole('button', { name: 'Connect Second Workspace (EU)' }).click();

  // Back in the app (the callback's redirect), connected to the workspace chosen; the address then drops "connected".
  await page.getByRole('status').filter({ hasText: 'Intercom connected ferry to the workspace Second Workspace.' }).waitFor();
  expect(visited).toContain(`${ferry!.url}/destinations/intercom-second/settings?connected=1`);
  await page.waitForURL(`${ferry!.url}/destinations/intercom-second/settings`);
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
  const stored = (await ferry!.store.listDestinations()).find((d) => d.id === 'intercom-second')!;
  expect(stored).toMatchObject({ enabled: true, pausedReason: null, sources: ['default'], settings: { region: 'eu', endpoint: sim.url, workspace: { idCode: 'second1', name: 'Second Workspace' } } });
  const me = await fetch(`${sim.url}/me`, { headers: { authorization: `Bearer ${stored.settings.accessToken}`, accept: 'application/json' } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { app: unknown }).app).toMatchObject({ id_code: 'second1', name: 'Second Workspace', region: 'EU' });

  // The list shows it enabled, fed by its source.
  await page.getByRole('link', { name: 'Destinations' }).click();
  const listed = page.getByRole('article', { name: 'Intercom Second' });
  await listed.getByText('Enabled', { exact: true }).waitFor();
  expect(await listed.textContent()).toContain('SourcesDefault source');
  await expectAccessible(page, 'the Destinations');
  expect(problems).toEqual([]);
  await page.context().close();

  // The same pages on a phone.
  const phone = await newAppPage(browser!, PHONE);
  await signIn(phone.page, ferry!.url, ADMIN_TOKEN);
  await expectAccessible(phone.page, 'the Destinations on a phone');
  for (const [path, heading] of [['/catalog', 'Catalog'], ['/catalog/intercom', 'Configure'], ['/destinations/intercom-second/settings', 'Settings']]) {
    await phone.page.goto(`${ferry!.url}${path}`);
    await phone.page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await expectAccessible(phone.page, `${path} on a phone`);
  }
  await phone.page.getByRole('button', { name: 'Disable the destination…' }).click();
  await phone.page.getByRole('group', { name: 'Disable Intercom Second?' }).waitFor();
  await expectAccessible(phone.page, 'the disable confirmation on a phone');
  expect(phone.problems).toEqual([]);
  await phone.page.context().close();
});
