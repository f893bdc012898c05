// The web app's serving: index.html uncached at / and at the app's own addresses, hashed assets cached, the server's
// paths untouched (JSON 404s), and a clear word at / when the app is not built.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { tempDir } from './commands/test-support/ferry.js';
import { openSqliteStore } from './store/sqlite/index.js';
import { Router } from './subscriptions/router.js';
import { createLogger } from './telemetry/logger.js';
import { createMetrics } from './telemetry/metrics.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function appServing(webRoot: string) {
  const store = await openSqliteStore({ file: ':memory:' });
  cleanups.push(() => store.close());
  const app = await buildApp({ store, router: new Router(), logger: createLogger({ level: 'silent' }), metrics: createMetrics(async () => ({})), webRoot });
  cleanups.push(() => app.close());
  return app;
}

function builtApp(): string {
  const root = tempDir('ferry-web-');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  return root;
}

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the web app at /', () => {
  it('answers index.html at / and at app routes, never cached; assets for a year', async () => {
    const app = await appServing(builtApp());
    for (const url of ['/', '/destinations/intercom/mappings', '/sources?x=1']) {
      const page = await app.inject({ url, headers: html });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.body).toContain('<div id="root">');
    }
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log(1)');
  });

  it("leaves the server's paths alone: unknown ones stay JSON 404s, the tracking API and health answer as before", async () => {
    const app = await appServing(builtApp());
    for (const url of ['/api/nope', '/v1/nope', '/assets/missing.js', '/oauth/nope', '/metrics/x']) {
      const answer = await app.inject({ url, headers: html });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.headers['content-type'], url).toContain('application/json');
    }
    expect((await app.inject({ url: '/destinations', headers: { accept: 'application/json' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/destinations', headers: html })).statusCode).toBe(404);
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });

  it('says how to build the app when it is not built', async () => {
    const app = await appServing(tempDir('ferry-web-empty-'));
    const answer = await app.inject({ url: '/', headers: html });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toBe('ferry is running, but its web app is not built: run `npm run build`, then start ferry again.\n');
  });
});
