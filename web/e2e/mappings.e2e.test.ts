// The Mappings pages in chromium against a sandbox ferry: add a mapping with the builder and a function field, test it
// for real (the simulator receives the event), save it, switch it off; accessible at 1280 px and 390 px.
import { expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, needChromium, newAppPage, screenshot, signIn } from './support/browser.js';
import { ADMIN_TOKEN, sandboxApp } from './support/ferry.js';

const app = sandboxApp();

async function adminApi(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.ferry!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}
/** The first (the sandbox's) workspace of the simulator. */
const simState = async () => ((await (await fetch(`${app.ferry!.sim!.url}/_sim/state`)).json()) as { workspaces: { events: any[] }[] }).workspaces[0]!;

it('adds, tests, saves and disables a mapping through the pages', { timeout: 60_000 }, async (context) => {
  needChromium(context);
  // The sample track event's user exists in Intercom, as after an identify.
  const identify = { type: 'identify', userId: 'user-123', traits: { email: 'ada@example.com' } };
  expect((await adminApi('POST', '/api/destinations/intercom/event-tester', { event: identify })).status).toBe(200);

  const { page, problems } = await newAppPage(app.browser!, DESKTOP);
  await signIn(page, app.ferry!.url, ADMIN_TOKEN);
  await page.goto(`${app.ferry!.url}/destinations/intercom/mappings`);
  await page.getByRole('heading', { name: 'Mappings', exact: true }).waitFor();
  expect(await page.getByLabel('3 of at most 50 mappings').textContent()).toBe('3 / 50');
  await expectAccessible(page, 'the mappings list');

  await page.getByRole('link', { name: 'Add mapping' }).click();
  await page.getByRole('heading', { name: 'Mapping', exact: true }).waitFor();
  await page.getByRole('radio', { name: /Track Event/ }).check();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Condition 2: value').fill('Order Completed');
  await page.getByLabel('Event Name: value from').selectOption('json');
  await page.getByLabel('Event Name: mapping-kit JSON').fill('{"@template": "order-{{properties.plan}}"}');
  await page.getByLabel('Mapping name').fill('Orders');
  await page.getByRole('checkbox', { name: /Enabled/ }).check();
  await expectAccessible(page, 'the mapping editor');

  await page.getByRole('button', { name: 'Send test event' }).click();
  await page.getByText('The trigger matches this event').waitFor();
  expect(await page.getByRole('article', { name: 'Mapping Orders: Delivered' }).isVisible()).toBe(true);
  expect((await simState()).events.map((e) => [e.event_name, e.metadata])).toEqual([
    ['order-pro', { order_id: 'A-1001', plan: 'pro', price: { amount: 1999, currency: 'EUR' } }],
  ]);
  await expectAccessible(page, 'the mapping editor with a test outcome');

  await page.getByRole('button', { name: 'Save mapping' }).click();
  await page.getByRole('link', { name: 'Orders', exact: true }).waitFor();
  expect(await page.getByLabel('4 of at most 50 mappings').textContent()).toBe('4 / 50');
  const saved = {
    name: 'Orders', action: 'trackEvent', trigger: 'type = "track" and event = "Order Completed"', enabled: true,
    mapping: {
      event_name: { '@template': 'order-{{properties.plan}}' }, created_at: { '@path': '$.timestamp' }, user_id: { '@path': '$.userId' },
      email: { '@path': '$.properties.email' }, revenue: { '@path': '$.properties.revenue' }, currency: { '@path': '$.properties.currency' },
      metadata: { '@path': '$.properties' },
    },
  };
  expect((await adminApi('GET', '/api/destinations/intercom/mappings/Orders')).body).toEqual(saved);

  await page.getByRole('switch', { name: 'Enable Orders' }).uncheck();
  await page.getByRole('status').getByText('Orders disabled.').waitFor();
  expect((await adminApi('GET', '/api/destinations/intercom/mappings/Orders')).body).toEqual({ ...saved, enabled: false });

  await page.setViewportSize(PHONE);
  await expectAccessible(page, 'the mappings list on a phone');
  await screenshot(page, 'mappings-phone');
  await page.getByRole('link', { name: 'Edit Orders' }).click();
  await page.getByLabel('Mapping name').waitFor();
  expect(await page.getByLabel('Mapping name').inputValue()).toBe('Orders');
  await expectAccessible(page, 'the mapping editor on a phone');
  await screenshot(page, 'mapping-editor-phone');
  expect(problems).toEqual([]);
  await page.context().close();
});
