// End-to-end support: ferry started as `npm start` does on a fresh machine (sandbox mode, its own simulator), serving
// the web app built for this run.
import { join } from 'node:path';
import { startFerry } from '../../../src/commands/start.js';
import { ADMIN_TOKEN, tempDir } from '../../../src/commands/test-support/ferry.js';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildWebApp, CHROMIUM, launchChromium } from './browser.js';

export { ADMIN_TOKEN };

export async function startSandboxFerry() {
  const dir = tempDir('ferry-e2e-');
  const ferry = await startFerry({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    simPort: 0,
    quiet: true,
    adminToken: ADMIN_TOKEN,
    webRoot: await buildWebApp(),
    worker: { idlePollMs: 50 },
  });
  return { ...ferry, dir };
}

export type SandboxFerry = Awaited<ReturnType<typeof startSandboxFerry>>;

/**
 * A sandbox ferry and chromium for the test file: started before its tests (not when chromium is missing outside CI,
 * where `needChromium` skips them), stopped after. Read `app.ferry` / `app.browser` inside tests.
 */
export function sandboxApp(): { ferry?: SandboxFerry; browser?: Browser } {
  const app: { ferry?: SandboxFerry; browser?: Browser } = {};
  beforeAll(async () => {
    if (!existsSync(CHROMIUM) && !process.env.CI) return;
    app.ferry = await startSandboxFerry();
    app.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.ferry?.stop();
  });
  return app;
}
