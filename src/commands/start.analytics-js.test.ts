// Segment's standard analytics.js snippet, with only its host changed to ferry, in a real chromium on another origin.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { startTestFerry, unfinishedJobs, waitFor, WRITE_KEY } from './test-support/ferry.js';

const CHROMIUM = '/usr/bin/chromium';

/** Segment's snippet (5.2.0) as copied from a source's settings; the one change is the host in `t.src`. */
const snippet = (ferryUrl: string, writeKey: string) => `
!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src="${ferryUrl}/analytics.js/v1/" + key + "/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey="${writeKey}";;analytics.SNIPPET_VERSION="5.2.0";
analytics.load("${writeKey}");
analytics.page();
}}();`;

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
let site: Server | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await ferry?.stop();
});

/** A web site on its own origin (another port) whose page carries the snippet. */
async function serveSite(html: string): Promise<string> {
  site = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
}

it('page, identify and track from a browser reach ferry; identify and track reach Intercom', { timeout: 30_000 }, async (context) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`chromium is missing at ${CHROMIUM}; CI installs it in .ci/run`);
    context.skip(`chromium is not installed at ${CHROMIUM} (apt-get install chromium); CI runs this test`);
  }
  ferry = await startTestFerry(sim.url);
  const pageUrl = await serveSite(
    `<!doctype html><html><head><title>Shop</title><script>${snippet(ferry.url, WRITE_KEY)}</script></head><body>shop</body></html>`,
  );

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  // Nothing may leave this machine: a request anywhere but 127.0.0.1 is refused and recorded.
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const answered: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === ferry!.url && response.request().method() === 'POST') answered.push(`${url.pathname} ${response.status()}`);
  });

  await page.goto(pageUrl);
  await page.waitForFunction(() => (globalThis as any).analytics?.initialized === true, undefined, { timeout: 10_000 });
  await page.evaluate(async () => {
    const analytics = (globalThis as any).analytics;
    await analytics.identify('u-browser', { email: 'browser@example.com', name: 'Browser User' });
    await analytics.track('Clicked', { button: 'signup' });
  });
  await waitFor(async () => answered.length >= 3, 10_000, 'three tracking requests answered');
  expect(answered.sort()).toEqual(['/v1/i 200', '/v1/p 200', '/v1/t 200']);

  const db = new Database(join(ferry.dir, 'data', 'ferry.db'), { readonly: true });
  const stored = db.prepare('SELECT type, payload FROM events ORDER BY id').all() as { type: string; payload: string }[];
  db.close();
  const events = stored.map((row) => ({ type: row.type, ...JSON.parse(row.payload) }));
  expect(events.map((e) => e.type)).toEqual(['page', 'identify', 'track']);
  const anonymousId = events[0].anonymousId;
  expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
  expect(events[0]).toMatchObject({ properties: { title: 'Shop', url: pageUrl, path: '/' }, context: { page: { url: pageUrl } } });
  expect(events[1]).toMatchObject({ anonymousId, userId: 'u-browser', traits: { email: 'browser@example.com' } });
  expect(events[2]).toMatchObject({ anonymousId, userId: 'u-browser', event: 'Clicked', properties: { button: 'signup' } });
  for (const event of events) expect(event.context.library).toEqual({ name: 'analytics.js', version: expect.stringMatching(/^next-1\.84\.3$/) });

  await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 10_000, 'deliveries');
  const state = await sim.state();
  expect(state.contacts.map((c: any) => [c.external_id, c.email, c.name])).toEqual([['u-browser', 'browser@example.com', 'Browser User']]);
  expect(state.events.map((e: any) => [e.contact_id, e.event_name, e.metadata])).toEqual([[state.contacts[0].id, 'Clicked', { button: 'signup' }]]);
  expect(outside).toEqual([]);
  expect(problems).toEqual([]);
});
