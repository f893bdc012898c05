// `ferry test-event`: run one event through a destination's mappings for real and print every outcome as JSON.
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

export async function runTestEventCommand(
  options: { config: string; destination?: string; event: string },
  registry: Registry = defaultRegistry,
) {
  const loaded = loadConfigFile(options.config, process.env, registry);
  const routes = compileConfig(loaded, registry);
  const destination = pickDestination(registry, loaded.config.destinations, options.destination, loaded.file);
  const event = readEventFile(options.event);
  // The config check refused an endpoint the environment does not allow, so this does not throw for it.
  const client = registry.get(destination.type).createClient(destination.settings, { endpointPolicy: endpointPolicyFromEnv() });
  try {
    return await testEvent(routes.get(destination.id) ?? [], event, {
      client,
      cache: new MemoryIdentityCache(),
      destinationId: destination.id,
      settings: destination.settings,
    });
  } finally {
    await client.close();
  }
}

export function runValidateCommand(file: string, registry: Registry = defaultRegistry): string {
  const loaded = loadConfigFile(file, process.env, registry);
  const routes = compileConfig(loaded, registry);
  const counts = [...routes].map(([id, list]) => `${id}: ${list.length} mapping${list.length === 1 ? '' : 's'}`);
  return `${loaded.file} is valid (${loaded.config.sources.length} source(s); ${counts.join('; ') || 'no destinations'})`;
}
