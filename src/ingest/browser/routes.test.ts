// The browser routes answered in-process: the exact settings document, unknown keys, the bundle's type, caching and encoding.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerIngestRoutes } from '../routes.js';
import { PREAMBLE } from './assets.js';
import { registerBrowserRoutes } from './routes.js';
import { apiBaseOf } from './settings-document.js';

const umd = join(dirname(createRequire(import.meta.url).resolve('@segment/analytics-next/package.json')), 'dist', 'umd');

async function appWith(options: { publicUrl?: string; storeFails?: boolean } = {}) {
  const store = {
    async findSourceByWriteKey(writeKey: string) {
      if (options.storeFails) throw new Error('disk gone');
      return writeKey === 'wk-1' ? { id: 'web', writeKey } : undefined;
    },
    async insertEvents(): Promise<never> {
      throw new Error('not used');
    },
  };
  const app = Fastify();
  // The tracking API's /v1 scope is registered too: its not-found handler must leave the settings route alone.
  registerIngestRoutes(app, { store, jobsFor: () => [] });
  registerBrowserRoutes(app, { store, publicUrl: options.publicUrl });
  await app.ready();
  return app;
}

const expectedSettings = (protocol: string, apiHost: string) => ({
  integrations: {
    'Segment.io': {
      apiKey: 'wk-1', apiHost, protocol, unbundledIntegrations: [], addBundledMetadata: true, maybeBundledConfigIds: {},
    },
  },
  plan: {},
  edgeFunction: {},
  analyticsNextEnabled: true,
  middlewareSettings: {},
  enabledMiddleware: {},
  metrics: { sampleRate: 0 },
  legacyVideoPluginsEnabled: false,
  remotePlugins: [],
});

describe('GET /v1/projects/:writeKey/settings', () => {
  it('points the Segment.io integration at the host the browser used', async () => {
    const app = await appWith();
    const response = await app.inject({ url: '/v1/projects/wk-1/settings', headers: { host: 'ferry.internal:4000' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.json()).toEqual(expectedSettings('http', 'ferry.internal:4000/v1'));
  });

  it('uses FERRY_PUBLIC_URL, with its scheme and path, over the Host header', async () => {
    const app = await appWith({ publicUrl: 'https://example.com/ferry/' });
    const response = await app.inject({ url: '/v1/projects/wk-1/settings', headers: { host: 'internal:4000' } });
    expect(response.json()).toEqual(expectedSettings('https', 'example.com/ferry/v1'));
  });

  it('answers an unknown write key like the tracking API: 401 FERRY_ERR_UNAUTHORIZED', async () => {
    const app = await appWith();
    const response = await app.inject({ url: '/v1/projects/wk-nope/settings' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ success: false, error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'unknown write key' } });
  });

  it('answers 503 with Retry-After when the store cannot be asked', async () => {
    const app = await appWith({ storeFails: true });
    const response = await app.inject({ url: '/v1/projects/wk-1/settings' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json().error.code).toBe('FERRY_ERR_STORE_UNAVAILABLE');
  });

  it('refuses a Host header that is not a host rather than write it into the settings', async () => {
    const app = await appWith();
    const response = await app.inject({ url: '/v1/projects/wk-1/settings', headers: { host: 'evil.example/x?' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('FERRY_ERR_REQUEST_INVALID');
  });
});

describe('apiBaseOf', () => {
  it('reads scheme, host and path prefix of a public URL', () => {
    expect(apiBaseOf('http://10.0.0.5:4000')).toEqual({ protocol: 'http', apiHost: '10.0.0.5:4000/v1' });
    expect(apiBaseOf('HTTPS://ferry.example.com/a/b//')).toEqual({ protocol: 'https', apiHost: 'ferry.example.com/a/b/v1' });
    expect(apiBaseOf('ftp://x')).toBeUndefined();
    expect(apiBaseOf('ferry.example.com')).toBeUndefined();
  });
});

describe('GET /analytics.js/v1/:writeKey/analytics.min.js', () => {
  const standalone = readFileSync(join(umd, 'standalone.js'));

  it('serves the pinned standalone build behind the preamble, as JavaScript with cache headers', async () => {
    const app = await appWith();
    const response = await app.inject({ url: '/analytics.js/v1/wk-1/analytics.min.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    expect(response.headers['etag']).toMatch(/^"[\w-]{27}"$/);
    expect(response.rawPayload.equals(Buffer.concat([Buffer.from(PREAMBLE), standalone]))).toBe(true);
  });

  it('gzips for clients that accept it and answers 304 to a matching If-None-Match', async () => {
    const app = await appWith();
    const url = '/analytics.js/v1/any-key/analytics.min.js';
    const zipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(standalone.length / 2);
    expect(gunzipSync(zipped.rawPayload).subarray(PREAMBLE.length).equals(standalone)).toBe(true);
    const again = await app.inject({ url, headers: { 'if-none-match': String(zipped.headers['etag']) } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('serves the build’s chunks by name, immutable, and nothing else from its folder', async () => {
    const app = await appWith();
    const chunk = readdirSync(umd).find((file) => /^queryString\.bundle\.[0-9a-f]+\.js$/.test(file))!;
    const response = await app.inject({ url: `/analytics-next/bundles/${chunk}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.rawPayload.equals(readFileSync(join(umd, chunk)))).toBe(true);
    for (const name of ['standalone.js', `${chunk}.map`, '..%2Fpackage.json', 'nope.bundle.abc.js']) {
      const refused = await app.inject({ url: `/analytics-next/bundles/${name}` });
      expect(refused.statusCode, name).toBe(404);
      expect(refused.json().error.code).toBe('FERRY_ERR_NOT_FOUND');
    }
  });
});
