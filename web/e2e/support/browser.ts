// End-to-end support: the web app built once per run, Debian's chromium, pages that may reach only 127.0.0.1 and
// record every console problem, sign-in, an axe-core check, and screenshots for the docs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const WEB = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(WEB, '..', 'docs', 'screenshots');

const require = createRequire(import.meta.url);
const run = promisify(execFile);
let built: Promise<string> | undefined;

/** The web app as `npm run build` makes it, into a temp folder (a stale dist/web never hides a change). */
export function buildWebApp(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ferry-web-build-'));
    // A process of its own: tests run with NODE_ENV=test, and the build must be React's production one, as `npm run
    // build` makes it.
    await run(process.execPath, [join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, NODE_ENV: 'production' },
    });
    return outDir;
  })();
  return built;
}

/** Skips the test outside CI when chromium is missing; in CI its absence is a failure (.ci/run installs it). */
export function needChromium(context: { skip: (note?: string) => void }): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`chromium is missing at ${CHROMIUM}; CI installs it in .ci/run`);
  context.skip(`chromium is not installed at ${CHROMIUM} (apt-get install chromium); CI runs this test`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface AppPage {
  page: Page;
  /** Console errors and warnings, uncaught exceptions, and requests that tried to leave 127.0.0.1. */
  problems: string[];
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function newAppPage(browser: Browser, viewport = DESKTOP): Promise<AppPage> {
  // bypassCSP lets axe-core be injected; the app itself runs under ferry's Content-Security-Policy otherwise.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    problems.push(`request outside this machine: ${url.href}`);
    return route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { page, problems };
}

export async function signIn(page: Page, ferryUrl: string, adminToken: string): Promise<void> {
  await page.goto(`${ferryUrl}/`);
  await page.getByLabel('Admin token').fill(adminToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core over the page as it is now: every serious or critical violation, as "rule: target" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.targets.map((t) => `${v.id}: ${t}`));
}

/** Asserts the page has no serious or critical accessibility problem (axe-core), naming the page in the failure. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousA11yViolations(page), `accessibility of ${where}`).toEqual([]);
}

/** With FERRY_SCREENSHOTS=1 (npm run screenshots), saves the page to docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.FERRY_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
