// Browsers as sources: the settings document and the analytics.js bundle at the paths Segment's snippet and CDN use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FerryError } from '../../errors.js';
import type { ConfigStore } from '../../store/types.js';
import { errorBody } from '../errors.js';
import { loadBundle, loadChunk, type Asset } from './assets.js';
import { apiBaseOf, settingsDocument, type ApiBase } from './settings-document.js';

export interface BrowserDeps {
  store: Pick<ConfigStore, 'findSourceByWriteKey'>;
  /** FERRY_PUBLIC_URL: how browsers reach ferry. Absent: the request's Host header, over the request's protocol. */
  publicUrl?: string;
}

// The bundle is the same for every write key and changes only when ferry is upgraded; chunks are named by their hash.
const BUNDLE_CACHE = 'public, max-age=3600';
const CHUNK_CACHE = 'public, max-age=31536000, immutable';
// A removed source or a moved ferry should reach browsers within a minute.
const SETTINGS_CACHE = 'public, max-age=60';

function fail(reply: FastifyReply, error: FerryError) {
  return reply.code(error.status).header('cache-control', 'no-store').send(errorBody(error));
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply
    .header('access-control-allow-origin', '*')
    .header('cache-control', cacheControl)
    .header('etag', asset.etag)
    .header('vary', 'accept-encoding')
    .type('application/javascript; charset=utf-8');
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

function apiBaseFor(request: FastifyRequest, publicUrl: string | undefined): ApiBase | undefined {
  if (publicUrl) return apiBaseOf(publicUrl);
  const host = request.headers.host ?? '';
  return HOST.test(host) ? { protocol: request.protocol === 'https' ? 'https' : 'http', apiHost: `${host}/v1` } : undefined;
}

/** Registers GET /analytics.js/v1/:writeKey/analytics.min.js, /analytics-next/bundles/:file and /v1/projects/:writeKey/settings. */
export function registerBrowserRoutes(app: FastifyInstance, deps: BrowserDeps): void {
  app.get('/analytics.js/v1/:writeKey/analytics.min.js', (request, reply) => sendAsset(request, reply, loadBundle(), BUNDLE_CACHE));

  app.get<{ Params: { file: string } }>('/analytics-next/bundles/:file', (request, reply) => {
    const chunk = loadChunk(request.params.file);
    if (chunk) return sendAsset(request, reply, chunk, CHUNK_CACHE);
    return fail(reply, new FerryError('FERRY_ERR_NOT_FOUND', `analytics.js has no chunk ${request.params.file.slice(0, 100)}`, {}, 404));
  });

  app.get<{ Params: { writeKey: string } }>('/v1/projects/:writeKey/settings', async (request, reply) => {
    reply.header('access-control-allow-origin', '*');
    const { writeKey } = request.params;
    let source;
    try {
      source = await deps.store.findSourceByWriteKey(writeKey);
    } catch (error) {
      request.log.error({ err: error }, 'ingest: looking up the write key failed');
      const message = 'ferry could not look up the write key right now; retry later';
      return fail(reply.header('retry-after', '5'), new FerryError('FERRY_ERR_STORE_UNAVAILABLE', message, {}, 503));
    }
    if (!source) return fail(reply, new FerryError('FERRY_ERR_UNAUTHORIZED', 'unknown write key', {}, 401));
    const api = apiBaseFor(request, deps.publicUrl);
    if (!api) {
      const message = deps.publicUrl
        ? `FERRY_PUBLIC_URL is not an http(s) URL (${deps.publicUrl.slice(0, 100)})`
        : 'the Host header does not name a host; set FERRY_PUBLIC_URL to how browsers reach ferry';
      return fail(reply, new FerryError('FERRY_ERR_REQUEST_INVALID', message, {}, 400));
    }
    return reply.header('cache-control', SETTINGS_CACHE).send(settingsDocument(writeKey, api));
  });
}
