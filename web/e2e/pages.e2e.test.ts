// Every page of the web app in chromium, at 1280 px and 390 px: it loads after sign-in, shows no console problem, and
// axe-core finds no serious or critical accessibility violation.
import { describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, needChromium, newAppPage, PHONE, signIn } from './support/browser.js';
import { ADMIN_TOKEN, sandboxApp } from './support/ferry.js';

const PAGES = [
  ['/', 'Destinations'],
  ['/catalog', 'Catalog'],
  ['/catalog/intercom', 'Configure'],
  ['/sources', 'Sources'],
  ['/sources/default', 'Source'],
  ['/destinations/intercom/settings', 'Settings'],
  ['/destinations/intercom/mappings', 'Mappings'],
  ['/destinations/intercom/mappings/new', 'Mapping'],
  ['/destinations/intercom/event-tester', 'Event Tester'],
  ['/destinations/intercom/deliveries', 'Deliveries'],
] as const;

const app = sandboxApp();

describe.each([['desktop', DESKTOP], ['phone', PHONE]] as const)('every page on a %s', (_name, viewport) => {
  it('loads, shows its heading, and is accessible', { timeout: 60_000 }, async (context) => {
    needChromium(context);
    const { page, problems } = await newAppPage(app.browser!, viewport);
    await signIn(page, app.ferry!.url, ADMIN_TOKEN);
    await expectAccessible(page, 'the first page');
    for (const [path, heading] of PAGES) {
      await page.goto(`${app.ferry!.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      await expectAccessible(page, path);
      // Nothing wider than the screen: no sideways scrolling at 390 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `width of ${path}`).toBeLessThanOrEqual(viewport.width);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
