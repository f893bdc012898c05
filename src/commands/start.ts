// `ferry start`: the main job — store, config, tracking API, delivery workers; sandbox mode for destinations without credentials.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { buildApp } from '../app.js';
import { defaultWebRoot, webAppBuilt } from '../web-app.js';
import { configManaged, type ConfigManaged } from '../admin/config-managed.js';
import { loadConfigFile } from '../config/load.js';
import { FerryError } from '../errors.js';
import { lockDataDir } from './data-dir-lock.js';
import { preparePrivateDataDir } from './private-data-dir.js';
import { loadSecretKey } from './secret-key.js';
import { loadNodeId } from './node-id.js';
import { adminToken, checkAdminToken } from '../admin/auth.js';
import type { Sandbox } from '../destinations/kit/define-destination.js';
import { endpointPolicyFromEnv } from '../destinations/kit/endpoint-policy.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';
import type { FerryConfig } from '../config/model.js';
import { carryConnectedCredentials } from '../config/carry-credentials.js';
import { compileConfig } from '../config/validate.js';
import { DeliveryPipeline } from '../deliver/pipeline.js';
import { Suppressions } from '../ingest/suppressions.js';
import { Router } from '../subscriptions/router.js';
import { openStore, storeLabel } from './open-store.js';
import type { StoredDestination } from '../store/types.js';
import { createLogger } from '../telemetry/logger.js';
import { createMetrics } from '../telemetry/metrics.js';
import type { WorkerOptions } from '../deliver/worker.js';
import { resolveServerLimits, serverLimitsFromEnv, type ServerLimits } from '../server-limits.js';

export interface StartOptions {
  /** A config file applied at every start: what it lists is managed by it (the admin API refuses changes). */
  config?: string;
  /** A config file applied once, to a new database (no sources, no destinations); not with `config`. */
  seedConfig?: string;
  /** postgres://… selects the PostgreSQL store (default: DATABASE_URL, else SQLite in the data dir). */
  databaseUrl?: string;
  port: number;
  host: string;
  dataDir: string;
  /** Port of the in-process sandbox (the Intercom simulator) in sandbox mode (0: any free port). */
  simPort: number;
  /** Its address (default 127.0.0.1 whatever `host` is: its /_sim control API has no authentication). */
  simHost?: string;
  worker?: Partial<WorkerOptions>;
  /** Print the banner (the CLI does; tests may not). */
  quiet?: boolean;
  /** The admin token (default: FERRY_ADMIN_TOKEN, else generated on a first start). */
  adminToken?: string;
  /** Timeouts and connection cap of the HTTP server (default: the FERRY_* variables, else DEFAULT_SERVER_LIMITS). */
  serverLimits?: Partial<ServerLimits>;
  /** The destination types ferry can deliver to (default: those it ships with). */
  registry?: Registry;
  /** The built web app to serve at / (default: dist/web; FERRY_WEB_DIR overrides it). */
  webRoot?: string;
}

/** The configuration of a first start without a config file: one source, one destination of the default type, its presets. */
function defaultConfig(registry: Registry): FerryConfig {
  const definition = registry.get(registry.defaultType);
  return {
    sources: [{ id: 'default', name: 'Default source', writeKey: randomBytes(18).toString('base64url') }],
    destinations: [{
      id: definition.key,
      type: definition.key,
      name: definition.title,
      enabled: true,
      settings: definition.initialSettings?.(process.env) ?? {},
    }],
  };
}

/** A config file read and compiled like the pipeline will (a FerryError with file:line: path when it is wrong). */
function checkedConfig(file: string, registry: Registry) {
  const loaded = loadConfigFile(file, process.env, registry);
  compileConfig(loaded, registry);
  return loaded;
}

export async function startFerry(options: StartOptions) {
  if (options.config && options.seedConfig) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', '--config and --seed-config exclude each other: a file is either applied at every start or once');
  }
  // Settings are checked before anything is created or started.
  const chosenAdminToken = options.adminToken ?? process.env.FERRY_ADMIN_TOKEN;
  checkAdminToken(chosenAdminToken);
  const serverLimits = resolveServerLimits(options.serverLimits ?? serverLimitsFromEnv());
  const registry = options.registry ?? defaultRegistry;
  const logger = createLogger();
  const dataDir = resolve(options.dataDir);
  preparePrivateDataDir(dataDir, logger);
  const unlock = lockDataDir(dataDir);
  const secretKey = loadSecretKey(dataDir, logger);
  const databaseUrl = options.databaseUrl ?? (process.env.DATABASE_URL || undefined);
  if (databaseUrl && !process.env.FERRY_SECRET_KEY) {
    logger.warn('with PostgreSQL, set FERRY_SECRET_KEY (the same on every ferry node): secrets one node stores, the others must read');
  }
  const nodeId = loadNodeId(dataDir);
  const store = await openStore({ databaseUrl, dataDir, secretKey, registry, nodeId });
  // A previous run of this node that died mid-delivery held leases; its jobs run again now rather than when the leases
  // expire (another node's live leases are left to it).
  const recovered = await store.recoverLeases(new Date());
  if (recovered > 0) logger.warn({ jobs: recovered }, 'took back deliveries a previous run left unfinished');
  let managed: ConfigManaged | undefined;
  if (options.config) {
    const loaded = checkedConfig(options.config, registry);
    await store.applyConfig(carryConnectedCredentials(loaded.config, await store.listDestinations(), registry));
    managed = configManaged(options.config, loaded.config, registry);
  } else if ((await store.listSources()).length === 0 && (await store.listDestinations()).length === 0) {
    await store.applyConfig(options.seedConfig ? checkedConfig(options.seedConfig, registry).config : defaultConfig(registry));
  }

  // Sandbox mode: destinations without credentials deliver to their type's sandbox (the Intercom simulator) in this process.
  const stored = await store.listDestinations();
  const lacksCredentials = (d: StoredDestination) => !registry.get(d.type).hasCredentials(d.settings);
  const sandboxes = new Map<string, Sandbox>();
  for (const definition of registry.destinations) {
    if (!definition.sandbox || !stored.some((d) => d.type === definition.key && d.enabled && lacksCredentials(d))) continue;
    sandboxes.set(definition.key, await definition.sandbox.start({ port: options.simPort, host: options.simHost ?? '127.0.0.1' }));
  }
  const sim = [...sandboxes.values()][0];
  const withSandbox = (d: StoredDestination): StoredDestination => {
    const sandbox = sandboxes.get(d.type);
    return sandbox && lacksCredentials(d) ? { ...d, settings: sandbox.settings(d.settings) } : d;
  };
  // R22: credentials go to the destination's own hosts, to the sandbox in this process, or anywhere when the operator allows it.
  const endpointPolicy = endpointPolicyFromEnv(process.env, [...sandboxes.values()].map((s) => s.url));
  // A restart is how an operator fixes credentials: a paused destination tries again, and pauses again if still refused.
  for (const d of stored.filter((x) => x.pausedReason !== null)) await store.setDestinationPaused(d.id, null);

  const router = new Router(registry);
  let destinations: StoredDestination[] = [];
  const metrics = createMetrics(async () => {
    const depth: Record<string, number> = {};
    for (const d of destinations) {
      const counts = await store.jobStateCounts(d.id);
      depth[d.id] = (counts.pending ?? 0) + (counts.leased ?? 0);
    }
    return depth;
  });
  const pipeline = new DeliveryPipeline({ store, router, logger, metrics, worker: options.worker, endpointPolicy });
  /** Applies what the store holds now: routes recompiled, workers restarted (a config change is live at once). */
  const applyStored = async () => {
    const fresh = (await store.listDestinations()).map(withSandbox);
    router.update(fresh);
    await pipeline.stop();
    destinations = fresh;
    await pipeline.start(destinations);
  };
  // One reload at a time: this node's admin and another node's notice may ask at once.
  let reloading = Promise.resolve();
  const reload = () => (reloading = reloading.catch(() => undefined).then(applyStored));
  await reload();
  // Other nodes on the same database: their new jobs wake these workers, their config changes apply here too.
  const unsubscribe = [
    await store.subscribe('jobs-queued', () => pipeline.wake()),
    await store.subscribe('config-changed', () => {
      reload().catch((error: unknown) => logger.error({ err: error }, 'applying a config change of another node failed'));
    }),
  ];
  const configChanged = async () => {
    await reload();
    // The change is stored: a node not told now applies it at its next start.
    await store.publish('config-changed').catch((error: unknown) => {
      logger.warn({ err: error }, 'could not tell the other nodes about a config change');
    });
  };

  const token = await adminToken(store, chosenAdminToken);
  const suppressions = await Suppressions.load(store, secretKey);
  const address = { url: '' };
  const webRoot = options.webRoot ?? (process.env.FERRY_WEB_DIR || defaultWebRoot());
  const app = await buildApp({
    store, router, logger, metrics, serverLimits, suppressions,
    publicUrl: process.env.FERRY_PUBLIC_URL || undefined,
    webRoot,
    onIngested: () => pipeline.wake(),
    admin: {
      store, logger, secretKey,
      onConfigChanged: configChanged,
      onJobsQueued: () => pipeline.wake(),
      registry,
      settingsFor: (d) => withSandbox(d).settings,
      endpointPolicy,
      adminTokenHash: token.hash,
      configManaged: managed,
      suppressions,
      get publicUrl() {
        return process.env.FERRY_PUBLIC_URL || address.url;
      },
      sandboxUrls: Object.fromEntries([...sandboxes].map(([type, sandbox]) => [type, sandbox.url])),
    },
  });
  const url = await app.listen({ port: options.port, host: options.host });
  address.url = url;
  const sources = await store.listSources();

  const appUrl = webAppBuilt(webRoot) ? `${url}/` : `${url}/ (not built: run npm run build)`;
  if (!options.quiet) process.stdout.write(banner(url, appUrl, sources[0]?.writeKey, [...sandboxes.values()], token.generated));
  logger.info({ url, node: nodeId, store: storeLabel({ databaseUrl, dataDir }), sandbox: sim?.url ?? null, destinations: destinations.map((d) => d.id) }, 'ferry started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close(); // no new events; requests being answered finish first
      for (const stopListening of unsubscribe) stopListening();
      await reloading.catch(() => undefined);
      await pipeline.stop(); // deliveries in flight finish and are recorded
      await store.close();
      unlock();
      for (const sandbox of sandboxes.values()) await sandbox.close();
      logger.info('ferry stopped');
    })());
  return { url, app, store, pipeline, sim, writeKey: sources[0]?.writeKey, adminToken: token.generated, stop };
}

function banner(url: string, appUrl: string, writeKey: string | undefined, sandboxes: readonly Sandbox[], adminToken?: string): string {
  const identify = JSON.stringify({ userId: 'user-1', traits: { email: 'ada@example.com', name: 'Ada Lovelace' } });
  return [
    `ferry is running: ${url}`,
    `  web app:       ${appUrl}   (sign in with the admin token)`,
    `  tracking API:  ${url}/v1/{identify,track,page,screen,group,alias,batch}`,
    `  write key:     ${writeKey ?? '(none: add a source)'}`,
    ...sandboxes.flatMap((sandbox) => sandbox.banner.map((line, i) => `${i === 0 ? '  sandbox mode:  ' : '                '}${line}`)),
    '  send an event:',
    `    curl -u '${writeKey ?? 'WRITE_KEY'}:' -H 'content-type: application/json' -d '${identify}' ${url}/v1/identify`,
    `  admin API:     ${url}/api (OpenAPI: ${url}/api/openapi.json)`,
    ...(adminToken ? [`  admin token:   ${adminToken}   (shown once: only its hash is kept; set FERRY_ADMIN_TOKEN to choose one)`] : []),
    `  metrics: ${url}/metrics   health: ${url}/healthz`,
    '',
  ].join('\n');
}
