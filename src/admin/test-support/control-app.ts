// Test support for the sources/destinations routes: buildApp on a real SQLite file, called with fastify `inject`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { buildApp } from '../../app.js';
import type { FerryConfig } from '../../config/model.js';
import type { EndpointPolicy } from '../../destinations/kit/endpoint-policy.js';
import type { AdminDeps } from '../deps.js';
import { defaultRegistry } from '../../destinations/registry.js';
import { Router } from '../../subscriptions/router.js';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/index.js';
import { createLogger } from '../../telemetry/logger.js';
import { createMetrics } from '../../telemetry/metrics.js';
import { hashToken } from '../auth.js';

export const TOKEN = 'control-admin-token';
export const ACCESS_TOKEN = 'dG9rOmNvbnRyb2wtcGxhbmUtc2VjcmV0LTEyMzQ1Njc4OQ==';
export const WRITE_KEY = 'wk-web-0123456789';

export function controlConfig(endpoint = 'http://127.0.0.1:9'): FerryConfig {
  return {
    sources: [{ id: 'web', name: 'Website', writeKey: WRITE_KEY }],
    destinations: [{
      id: 'intercom', type: 'intercom', name: 'Intercom', enabled: true,
      settings: { region: 'us', apiVersion: '2.11', accessToken: ACCESS_TOKEN, endpoint },
    }],
  };
}

export interface ControlApp {
  app: FastifyInstance;
  store: SqliteStore;
  /** How often the routes called onConfigChanged. */
  changes: () => number;
  /** Every raw answer body so far, for "the token never appears" checks. */
  bodies: string[];
  call(method: string, url: string, body?: unknown, authorization?: string | null): Promise<{ status: number; body: any }>;
}

/** One app per test, closed (and its data dir removed) after it. */
export function useControlApp() {
  const opened: { app: FastifyInstance; store: SqliteStore; dir: string }[] = [];
  afterEach(async () => {
    for (const { app, store, dir } of opened.splice(0)) {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  /**
   * `endpointPolicy`: as the operator's environment sets it; default: custom endpoints allowed (the tests' own).
   * `admin`: other admin deps (a public URL, session clock and lifetime).
   */
  return async (
    config: FerryConfig = controlConfig(),
    endpointPolicy: EndpointPolicy = { allowCustom: true, trusted: [] },
    admin: Partial<Pick<AdminDeps, 'publicUrl' | 'sessions'>> = {},
  ): Promise<ControlApp> => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-admin-'));
    const secretKey = Buffer.alloc(32, 3);
    const store = await openSqliteStore({ file: join(dir, 'ferry.db'), secretKey, secretSettings: (type) => defaultRegistry.get(type).secretSettings });
    await store.applyConfig(config);
    const router = new Router();
    router.update(await store.listDestinations());
    let changes = 0;
    const logger = createLogger({ level: 'warn' });
    const app = await buildApp({
      store, router, logger, metrics: createMetrics(async () => ({})),
      admin: {
        store, logger, secretKey, publicUrl: 'http://127.0.0.1:1', adminTokenHash: hashToken(TOKEN),
        onConfigChanged: async () => {
          changes += 1;
          router.update(await store.listDestinations());
        },
        registry: defaultRegistry,
        endpointPolicy,
        ...admin,
      },
    });
    opened.push({ app, store, dir });
    const bodies: string[] = [];
    const call: ControlApp['call'] = async (method, url, body, authorization = `Bearer ${TOKEN}`) => {
      const answer = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(authorization === null ? {} : { authorization }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      bodies.push(answer.body);
      const json = answer.headers['content-type']?.toString().startsWith('application/json');
      return { status: answer.statusCode, body: answer.body === '' ? undefined : json ? answer.json() : answer.body };
    };
    return { app, store, changes: () => changes, bodies, call };
  };
}

export const error = (status: number, code: string, message: string, path?: string) => ({
  status,
  body: { error: { code, message, ...(path === undefined ? {} : { path }) } },
});

export const UNAUTHORIZED = error(401, 'FERRY_ERR_UNAUTHORIZED', 'a valid admin token is required (Authorization: Bearer <token>)');
