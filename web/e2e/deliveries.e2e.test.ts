// The Deliveries pages in chromium against a sandbox ferry: events sent with the tracking API, some refused by the
// simulator, seen in the list and the chart, filtered by state and person, one opened with its Intercom exchange,
// the rejected ones replayed and delivered; accessible at 1280 px and 390 px, no console problem.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DESKTOP, PHONE, expectAccessible, needChromium, newAppPage, screenshot, signIn } from './support/browser.js';
import { ADMIN_TOKEN, sandboxApp } from './support/ferry.js';

const app = sandboxApp();

async function track(path: string, body: unknown) {
  const response = await fetch(`${app.ferry!.url}/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${app.ferry!.writeKey}:`).toString('base64')}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function adminGet(path: string) {
  const response = await fetch(`${app.ferry!.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return (await response.json()) as any;
}

async function sim(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.ferry!.sim!.url}${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as any;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const LIST = '/api/destinations/intercom/deliveries';
const states = async (query = '') => ((await adminGet(`${LIST}?${query}`)).items as any[]).map((d) => `${d.person}:${d.eventType}:${d.state}`);

/** The list's rows as "person event state" (the table's person, event and state cells). */
async function rows(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Deliveries, newest first' });
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [1, 2, 4].map((i) => tr.children[i]!.textContent!.replace(/replayed by #\d+/, '').trim()).join(' ')));
}

async function waitForRows(page: Page, expected: string[]) {
  await until(async () => JSON.stringify(await rows(page)) === JSON.stringify(expected), `the rows ${expected.join(', ')}`);
}

it('shows, filters, opens and replays deliveries', { timeout: 60_000 }, async (context) => {
  needChromium(context);
  // ann and bob exist in Intercom; then Intercom refuses ann's next two events; bob's has more metadata than it keeps.
  await track('identify', { userId: 'ann', traits: { email: 'ann@example.com' } });
  await track('identify', { userId: 'bob', traits: { email: 'bob@example.com' } });
  await until(async () => (await states('state=delivered')).length === 2, 'the identifies');
  await sim('POST', '/_sim/faults', { status: 400, count: 2, path: '/events', code: 'parameter_invalid', message: 'Simulated refusal' });
  await track('track', { userId: 'ann', event: 'Signed Up', properties: { plan: 'pro' } });
  await track('track', { userId: 'ann', event: 'Upgraded', properties: { plan: 'team' } });
  await until(async () => (await states('state=rejected')).length === 2, 'the rejections');
  const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i + 1}`, i + 1]));
  await track('track', { userId: 'bob', event: 'Viewed Pricing', properties: many });
  await until(async () => (await states('state=delivered-with-warnings')).length === 1, 'the warned delivery');

  const { page, problems } = await newAppPage(app.browser!, DESKTOP);
  await signIn(page, app.ferry!.url, ADMIN_TOKEN);
  await page.goto(`${app.ferry!.url}/destinations/intercom/deliveries`);
  await page.getByRole('heading', { name: 'Deliveries', exact: true }).waitFor();
  expect(await rows(page)).toEqual([
    'bob track Delivered with warnings', 'ann track Rejected', 'ann track Rejected', 'bob identify Delivered', 'ann identify Delivered',
  ]);
  // The chart (uPlot on a canvas), its text alternative and the steps.
  await page.locator('.delivery-chart canvas').first().waitFor();
  await page.getByText(/per minute: 2 delivered, 1 delivered with warnings, 2 rejected\./).waitFor();
  const chartTable = page.getByRole('table', { name: 'Deliveries per minute by outcome' });
  // Summed over its rows: the events may straddle a minute's end.
  expect(await chartTable.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].slice(1).map((c) => Number(c.textContent))).reduce((sum, row) => sum.map((n, i) => n + row[i]!)))).toEqual([2, 1, 0, 2, 0, 0]);
  expect(await page.getByRole('button', { name: /Failed delivery/ }).textContent()).toMatch(/^2Failed delivery/);
  expect(await page.getByRole('button', { name: /Received/ }).textContent()).toMatch(/^5Received/);
  await expectAccessible(page, 'the deliveries');
  await screenshot(page, 'deliveries');

  // Filter by state, then by a person; the address keeps the filter.
  await page.getByLabel('Rejected', { exact: true }).check();
  await waitForRows(page, ['ann track Rejected', 'ann track Rejected']);
  expect(new URL(page.url()).search).toBe('?state=rejected');
  await page.goto(`${app.ferry!.url}/destinations/intercom/deliveries?state=delivered&state=delivered-with-warnings`);
  await waitForRows(page, ['bob track Delivered with warnings', 'bob identify Delivered', 'ann identify Delivered']);
  await page.getByRole('link', { name: 'bob', exact: true }).first().click();
  await waitForRows(page, ['bob track Delivered with warnings', 'bob identify Delivered']);
  expect(new URL(page.url()).search).toBe('?person=bob');

  // bob's warned delivery: the warnings up front, the Intercom request and answer.
  await page.getByRole('link', { name: /^Delivery \d+,/ }).first().click();
  await page.getByRole('heading', { name: 'Delivery', exact: true }).waitFor();
  const warnings = page.getByRole('note', { name: 'Warnings (1)' });
  expect(await warnings.textContent()).toContain('metadata left out (Intercom keeps at most 10 keys): k11, k12');
  expect(JSON.parse((await page.getByLabel('Request 1 body').first().textContent())!)).toMatchObject({ event_name: 'Viewed Pricing', user_id: 'bob' });
  await expectAccessible(page, 'a delivery');

  // A rejected one: Intercom's refusal as it answered.
  await page.goto(`${app.ferry!.url}/destinations/intercom/deliveries?state=rejected&person=ann`);
  await waitForRows(page, ['ann track Rejected', 'ann track Rejected']);
  await page.getByRole('link', { name: /^Delivery \d+,/ }).first().click();
  await page.getByRole('article', { name: 'Attempt 1' }).waitFor();
  const answer = JSON.parse((await page.getByLabel('Answer 1 body').textContent())!);
  expect(answer).toMatchObject({ type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'Simulated refusal' }] });
  expect(await page.getByLabel('Last error').textContent()).toBe('Last error: parameter_invalid: Simulated refusal');
  // The simulator refused exactly these two requests (it answers an injected fault before reading the body).
  expect(JSON.parse((await page.getByLabel('Request 1 body').textContent())!)).toMatchObject({ user_id: 'ann', metadata: { plan: expect.any(String) } });
  const refused = (await sim('GET', '/_sim/requests?method=POST&path=/events')).requests.filter((r: any) => r.status === 400);
  expect(refused.map((r: any) => [r.path, r.errorCode])).toEqual([['/events', 'parameter_invalid'], ['/events', 'parameter_invalid']]);
  await page.getByRole('link', { name: 'Back to the filtered deliveries' }).click();
  await waitForRows(page, ['ann track Rejected', 'ann track Rejected']);

  // Replay the rejected ones of the filter: confirmed first, then delivered.
  await page.getByRole('button', { name: 'Replay rejected deliveries…' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm the replay' });
  await confirm.getByText('Replay 2 rejected deliveries matching person ann?', { exact: false }).waitFor();
  await confirm.getByRole('button', { name: 'Replay 2 rejected deliveries' }).click();
  await page.getByText('Replaying 2 deliveries; they show in the list as they are sent.').waitFor();
  await page.getByLabel('Rejected', { exact: true }).uncheck();
  await waitForRows(page, ['ann track Delivered', 'ann track Delivered', 'ann track Rejected', 'ann track Rejected', 'ann identify Delivered']);
  const [workspace] = (await sim('GET', '/_sim/state?workspace=sandbox1')).workspaces;
  expect(workspace.events.map((e: any) => e.event_name).sort()).toEqual(['Signed Up', 'Upgraded', 'Viewed Pricing']);

  await page.setViewportSize(PHONE);
  await expectAccessible(page, 'the deliveries on a phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
  await page.getByRole('link', { name: /^Delivery \d+,/ }).first().click();
  await page.getByRole('article', { name: 'Attempt 1' }).waitFor();
  await expectAccessible(page, 'a delivery on a phone');
  expect(problems).toEqual([]);
  await page.context().close();
});
