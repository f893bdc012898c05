// End-to-end support: ferry started as `npm start` does on a fresh machine (sandbox mode, its own simulator), serving
// the web app built for this run.
import { join } from 'node:path';
import { startFerry } from '../../../src/commands/start.js';
import { ADMIN_TOKEN, tempDir } from '../../../src/commands/test-support/ferry.js';
import { buildWebApp } from './browser.js';

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
