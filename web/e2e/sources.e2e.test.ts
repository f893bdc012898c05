// Sources in chromium against a real ferry: create a source, copy its analytics-node snippet, send with Segment's Node
// library exactly as the snippet says, and watch the event arrive in the live view with its delivery's state.
import { Analytics } from '@segment/analytics-node';
import { expect, it } from 'vitest';
import { admin } from '../../src/commands/test-support/ferry.js';
import { DESKTOP, expectAccessible, needChromium, newAppPage, PHONE, screenshot, signIn } from './support/browser.js';
import { ADMIN_TOKEN, sandboxApp } from './support/ferry.js';

const app = sandboxApp();

it('creates a source, sends with its copied analytics-node snippet, and shows the event live with its delivery', { timeout: 60_000 }, async (context) => {
  needChromium(context);
  const { page, problems } = await newAppPage(app.browser!, DESKTOP);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.ferry!.url });
  await signIn(page, app.ferry!.url, ADMIN_TOKEN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('heading', { name: 'Sources', exact: true }).waitFor();

  await page.getByLabel('Id', { exact: true }).fill('shop');
  await page.getByLabel('Name (optional)').fill('Shop');
  await page.getByRole('button', { name: 'Create source' }).click();
  const notice = page.getByRole('region', { name: 'Source shop created' });
  const writeKey = (await notice.getByLabel('Write key of shop').textContent())!;
  const stored = (await admin(app.ferry!.url, 'GET', '/api/sources/shop')).body;
  expect(stored).toEqual({ id: 'shop', name: 'Shop', writeKey, managedByConfig: false });
  await expect.poll(() => page.getByRole('article', { name: 'Shop' }).getByText(`****${writeKey.slice(-4)}`).count()).toBe(1);
  await expectAccessible(page, 'the Sources page after a create');
  await screenshot(page, 'sources');

  // In-app navigation keeps the key this session was shown, so the snippets carry it.
  await notice.getByRole('link', { name: "the source's page" }).click();
  await page.getByRole('heading', { name: 'Source', exact: true }).waitFor();
  await page.getByText('No events from this source yet.').waitFor();
  await page.getByRole('tab', { name: 'Node.js' }).click();
  await page.getByRole('button', { name: 'Copy the Node.js snippet' }).click();
  await page.getByText('Copied.').waitFor();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe(await page.getByLabel('Node.js snippet').textContent());
  const [, copiedKey, host] = /new Analytics\(\{ writeKey: "([^"]+)", host: "([^"]+)" \}\)/.exec(snippet)!;
  expect([copiedKey, host]).toEqual([writeKey, app.ferry!.url]);

  const analytics = new Analytics({ writeKey: copiedKey!, host: host!, flushAt: 1 });
  analytics.identify({ userId: 'shopper-1', traits: { email: 'shopper@example.com', name: 'Sam Shopper' } });
  await analytics.closeAndFlush({ timeout: 10_000 });

  const item = page.getByRole('listitem', { name: 'identify, userId shopper-1' });
  const delivered = item.getByRole('link', { name: 'intercom · Identify Contact: delivered' });
  await delivered.waitFor({ timeout: 15_000 });
  const [event] = (await admin(app.ferry!.url, 'GET', '/api/sources/shop/events')).body.events;
  expect(event).toMatchObject({ type: 'identify', userId: 'shopper-1', deliveries: [{ destinationId: 'intercom', mapping: 'Identify Contact', state: 'delivered' }] });
  expect(await delivered.getAttribute('href')).toBe(`/deliveries/${event.deliveries[0].id}`);
  await item.getByText('Event JSON').click();
  expect(JSON.parse((await item.getByLabel(`Event ${event.messageId} as stored`).textContent())!)).toEqual(event.payload);
  const sim = await (await fetch(`${app.ferry!.sim!.url}/_sim/state`)).json();
  expect(sim.workspaces.flatMap((w: any) => w.contacts).map((c: any) => [c.external_id, c.email, c.name])).toEqual([['shopper-1', 'shopper@example.com', 'Sam Shopper']]);
  await expectAccessible(page, 'the Source page with an event (desktop)');
  await screenshot(page, 'source');

  await page.setViewportSize(PHONE);
  await expectAccessible(page, 'the Source page with an event (phone)');
  await page.getByRole('link', { name: 'Sources', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Sources', exact: true }).waitFor();
  await expectAccessible(page, 'the Sources page (phone)');
  expect(problems).toEqual([]);
  await page.context().close();
});
