// A config file re-applied at start keeps the credentials connected since (OAuth, the admin API) — where they still go.
import { credentialsToCarry } from '../destinations/kit/credentials.js';
import type { Registry } from '../destinations/registry.js';
import type { StoredDestination } from '../store/types.js';
import type { DestinationConfig, FerryConfig } from './model.js';

/**
 * A destination the file gives no credentials keeps those stored for it, with the settings that describe them (the
 * account a token belongs to): a restart must not disconnect it. Not when the file changes where credentials are sent:
 * a secret never follows a new target (R22). Pure: the caller reads what is stored and applies the answer.
 */
export function carryConnectedCredentials(config: FerryConfig, stored: readonly StoredDestination[], registry: Registry): FerryConfig {
  const before = new Map(stored.map((d) => [d.id, d]));
  return { ...config, destinations: config.destinations.map((d) => carryInto(d, before.get(d.id), registry)) };
}

function carryInto(destination: DestinationConfig, stored: StoredDestination | undefined, registry: Registry): DestinationConfig {
  const definition = registry.find(destination.type);
  if (stored === undefined || definition === undefined || stored.type !== destination.type) return destination;
  const given = destination.settings;
  // A file that gives any credential gives all it means to.
  if (definition.secretSettings.some((key) => given[key] !== undefined)) return destination;
  const carried = credentialsToCarry(definition, stored.settings, given, definition.secretSettings);
  return Object.keys(carried).length === 0 ? destination : { ...destination, settings: { ...given, ...carried } };
}
