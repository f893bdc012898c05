// The Event Tester in chromium against a real ferry in sandbox mode: an identify runs for real, the page shows the
// request to the Intercom simulator and its answer, and the simulator holds the contact; mistakes show at the input.
import { expect, it } from 'vitest';
import { DESKTOP, expectAccessible, needChromium, newAppPage, PHONE, screenshot, signIn } from './support/browser.js';
import { ADMIN_TOKEN, sandboxApp } from './support/ferry.js';

const app = sandboxApp();

const IDENTIFY = { type: 'identify', userId: 'tester-1', traits: { email: 'tess@example.com', name: 'Tess Ter' } };

it('runs an identify through every mapping, showing the request to Intercom, its answer, and the contact made', { timeout: 60_000 }, async (context) => {
  needChromium(context);
  const { page, problems } = await newAppPage(app.browser!, DESKTOP);
  await signIn(page, app.ferry!.url, ADMIN_TOKEN);
  await page.goto(`${app.ferry!.url}/destinations/intercom/event-tester`);
  await page.getByRole('heading', { name: 'Event Tester', exact: true }).waitFor();
  expect(await page.getByRole('note').filter({ hasText: 'This sends for real.' }).textContent()).toContain("ferry's Intercom simulator");
  const input = page.getByLabel('Event JSON');

  // Mistakes are shown at the input: the JSON's own, then the API's with its path.
  await input.fill('{\n  "type": "identify",\n}');
  await page.getByRole('button', { name: 'Send test event' }).click();
  expect(await page.getByRole('alert').textContent()).toBe('This is not valid JSON: a comma before } (JSON allows none), at line 3, column 1.');
  await input.fill('{"type": "identify"}');
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('(FERRY_ERR_EVENT_INVALID)');
  expect(await page.getByRole('alert').textContent()).toMatch(/^The event was not tested: invalid event: .+ at event/);
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  // Chromium logs every 4xx answer in the console: this one, and only this one, is the test's own doing.
  expect(problems.splice(0)).toEqual(['console error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);

  await input.fill(JSON.stringify(IDENTIFY, null, 2));
  await page.getByRole('button', { name: 'Send test event' }).click();
  const outcome = page.getByRole('article', { name: 'Mapping Identify Contact: Delivered' });
  await outcome.waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);

  const sim = await (await fetch(`${app.ferry!.sim!.url}/_sim/state`)).json();
  const contacts = sim.workspaces.flatMap((w: any) => w.contacts);
  expect(contacts.map((c: any) => [c.external_id, c.email, c.name])).toEqual([['tester-1', 'tess@example.com', 'Tess Ter']]);
  // The last exchange shown is the one that made the contact: what ferry sent and what the simulator answered.
  const exchanges = outcome.locator('details.exchange');
  const last = (await exchanges.count()) - 1;
  expect(await exchanges.nth(last).locator('summary').textContent()).toMatch(/^POST \/contacts 200/);
  const request = JSON.parse((await outcome.getByLabel(`Request ${last + 1} body`).textContent())!);
  const answer = JSON.parse((await outcome.getByLabel(`Answer ${last + 1} body`).textContent())!);
  expect(request).toMatchObject({ external_id: 'tester-1', email: 'tess@example.com', name: 'Tess Ter' });
  expect(answer).toMatchObject({ type: 'contact', id: contacts[0].id, external_id: 'tester-1', email: 'tess@example.com' });
  const simRequests = (await (await fetch(`${app.ferry!.sim!.url}/_sim/requests?method=POST&path=/contacts`)).json()).requests;
  expect(simRequests.map((r: any) => r.body)).toContainEqual(request);

  expect(await page.getByRole('status').filter({ hasText: 'mappings:' }).textContent()).toMatch(/^\d+ mappings: 1 delivered, \d+ not sent\.$/);
  await expectAccessible(page, 'the Event Tester with outcomes (desktop)');
  await screenshot(page, 'event-tester');
  await page.setViewportSize(PHONE);
  await expectAccessible(page, 'the Event Tester with outcomes (phone)');
  expect(problems).toEqual([]);
  await page.context().close();
});
