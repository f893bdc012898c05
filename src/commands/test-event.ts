// `ferry test-event`: run one event through a destination's mappings for real and print every outcome as JSON.
// Its identity cache: per run, a data dir's (--data-dir), or a running ferry's (--url, through its Event Tester).
import { FerryError } from '../errors.js';
import { loadConfigFile } from '../config/load.js';
import { compileConfig } from '../config/validate.js';
import type { DestinationConfig } from '../config/model.js';
import { endpointPolicyFromEnv } from '../destinations/kit/endpoint-policy.js';
import { MemoryIdentityCache } from '../destinations/kit/memory-identity-cache.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';
import { testEvent } from '../deliver/test-event.js';
import { readEventFile } from './read-event.js';

function pickDestination(registry: Registry, destinations: DestinationConfig[], id: string | undefined, file: string): DestinationConfig {
  const found = id === undefined ? destinations[0] : destinations.find((d) => d.id === id);
  if (!found) {
    const known = destinations.map((d) => d.id).join(', ') || 'none';
    throw new FerryError(
      'FERRY_ERR_CONFIG_INVALID',
      id === undefined ? `${file}: the config has no destination` : `${file}: no destination '${id}' (destinations: ${known})`,
      { file, path: 'destinations' },
    );
  }
  const definition = registry.get(found.type);
  if (!definition.hasCredentials(found.settings)) {
    const missing = definition.missingCredentials;
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `${file}: destination '${found.id}' ${missing.message}`, { file, path: missing.path });
  }
  return found;
}

export interface TestEventOptions {
  /** The config naming the destination and its mappings (not with `url`). */
  config?: string;
  destination?: string;
  event: string;
  /** Use the identity cache in this ferry data dir (written when free; read only while a ferry holds it). */
  dataDir?: string;
  /** Run the event through the Event Tester of the ferry at this URL (admin token: FERRY_ADMIN_TOKEN). */
  url?: string;
}

/** Said in the output when neither --data-dir nor --url gives the run a ferry's memory. */
export const PER_RUN_CACHE_NOTE = 'per run: this run started with an empty identity cache and forgets what it learned, ' +
  'so repeating an event may create its contact again; give --data-dir DIR or --url URL to use a ferry\'s';

function usage(message: string, path: string): FerryError {
  return new FerryError('FERRY_ERR_CONFIG_INVALID', message, { path });
}

export async function runTestEventCommand(options: TestEventOptions, registry: Registry = defaultRegistry) {
  if (options.url !== undefined) {
    if (options.config !== undefined || options.dataDir !== undefined) {
      throw usage('--url runs the event through that ferry\'s own config and data: leave out --config and --data-dir', '--url');
    }
    // Imported only for the mode asked for (the remote and data-dir modes load an HTTP client or SQLite).
    const { runRemoteTestEvent } = await import('./test-event-remote.js');
    return runRemoteTestEvent({
      url: options.url, event: readEventFile(options.event), adminToken: process.env.FERRY_ADMIN_TOKEN,
      ...(options.destination === undefined ? {} : { destination: options.destination }),
    });
  }
  if (options.config === undefined) throw usage('give --config FILE (or --url URL of a running ferry)', '--config');
  const loaded = loadConfigFile(options.config, process.env, registry);
  const routes = compileConfig(loaded, registry);
  const destination = pickDestination(registry, loaded.config.destinations, options.destination, loaded.file);
  const event = readEventFile(options.event);
  const stored = options.dataDir === undefined ? undefined : (await import('./test-event-cache.js')).openDataDirCache(options.dataDir);
  // The config check refused an endpoint the environment does not allow, so this does not throw for it.
  const client = registry.get(destination.type).createClient(destination.settings, { endpointPolicy: endpointPolicyFromEnv() });
  try {
    const result = await testEvent(routes.get(destination.id) ?? [], event, {
      client,
      cache: stored?.cache ?? new MemoryIdentityCache(),
      destinationId: destination.id,
      settings: destination.settings,
    });
    return { identityCache: stored?.note ?? PER_RUN_CACHE_NOTE, ...result };
  } finally {
    await client.close();
    stored?.close();
  }
}
