// What the --config file manages: applied again at every start, so the admin API refuses changes that would be lost.
import type { DestinationConfig, FerryConfig } from '../config/model.js';
import type { Destination } from '../destinations/kit/define-destination.js';
import type { Registry } from '../destinations/registry.js';
import { FerryError } from '../errors.js';

/** The items a config file lists (from the file ferry started with). */
export interface ConfigManaged {
  /** The file's name as the operator gave it, for the message. */
  file: string;
  sources: ReadonlySet<string>;
  /** Per destination: whether the file gives its credentials (else credentials connected since are kept at start). */
  destinations: ReadonlyMap<string, { givesCredentials: boolean }>;
}

export function configManaged(file: string, config: FerryConfig, registry: Registry): ConfigManaged {
  return {
    file,
    sources: new Set(config.sources.map((s) => s.id)),
    destinations: new Map(config.destinations.map((d) => [
      d.id,
      { givesCredentials: (registry.find(d.type)?.secretSettings ?? []).some((key) => d.settings[key] !== undefined) },
    ])),
  };
}

export function isManaged(managed: ConfigManaged | undefined, kind: 'source' | 'destination', id: string): boolean {
  return kind === 'source' ? managed?.sources.has(id) === true : managed?.destinations.has(id) === true;
}

/** 409 FERRY_ERR_CONFIG_MANAGED when the file lists the item: the change would be undone at the next start. */
export function refuseIfManaged(managed: ConfigManaged | undefined, kind: 'source' | 'destination', id: string, what = `this ${kind}`): void {
  if (!managed || !isManaged(managed, kind, id)) return;
  throw new FerryError(
    'FERRY_ERR_CONFIG_MANAGED',
    `${kind} '${id}' is managed by the config file ${managed.file}, which ferry applies again at every start: a change to ` +
      `${what} made here would be lost, so it is refused. Change the file instead (GET /api/config/export shows the ` +
      'configuration as YAML), then restart ferry',
    {},
    409,
  );
}

/**
 * A change to a destination the file lists is refused, except new credentials where the file gives none: those the
 * start keeps (see src/config/carry-credentials.ts), so connecting in the app is never lost.
 */
export function refuseManagedChange(
  managed: ConfigManaged | undefined,
  stored: DestinationConfig,
  updated: DestinationConfig,
  definition: Destination,
): void {
  const entry = managed?.destinations.get(stored.id);
  if (!entry) return;
  const credentialKeys = new Set([...definition.secretSettings, ...(definition.credentialDetails ?? [])]);
  const rest = (d: DestinationConfig) =>
    JSON.stringify({ ...d, settings: Object.fromEntries(Object.entries(d.settings).filter(([key]) => !credentialKeys.has(key)).sort()) });
  if (!entry.givesCredentials && rest(stored) === rest(updated)) return;
  refuseIfManaged(managed, 'destination', stored.id, entry.givesCredentials ? 'this destination (its credentials too: the file gives them)' : 'anything but its credentials');
}
