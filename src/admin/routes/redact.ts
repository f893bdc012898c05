// What the admin API shows of sources and destinations: secrets as "****" and their last 4 characters, never whole.
// A write key is no secret (every browser page using analytics.js carries it; Segment's app shows it), so it is shown.
import type { SourceConfig } from '../../config/model.js';
import type { Registry } from '../../destinations/registry.js';
import type { StoredDestination } from '../../store/types.js';
import { isManaged, type ConfigManaged } from '../config-managed.js';

/** "****" + the last 4 characters; a short value (under 12) shows none of itself. */
export function maskSecret(value: string): string {
  return value.length < 12 ? '****' : `****${value.slice(-4)}`;
}

export function publicSource(source: SourceConfig, managed?: ConfigManaged) {
  return { ...source, managedByConfig: isManaged(managed, 'source', source.id) };
}

export function publicDestination(registry: Registry, destination: StoredDestination, managed?: ConfigManaged) {
  const definition = registry.get(destination.type);
  const settings: Record<string, unknown> = { ...destination.settings };
  for (const name of definition.secretSettings) {
    const value = settings[name];
    if (typeof value === 'string') settings[name] = maskSecret(value);
  }
  return {
    id: destination.id,
    type: destination.type,
    ...(destination.name === undefined ? {} : { name: destination.name }),
    enabled: destination.enabled,
    settings,
    presets: destination.mappings === undefined,
    mappings: destination.mappings ?? definition.presets.map((preset) => ({ ...preset })),
    pausedReason: destination.pausedReason,
    sources: destination.sources ?? null,
    managedByConfig: isManaged(managed, 'destination', destination.id),
  };
}
