// A destination's mappings as the admin API edits them: presets materialized on the first change, saved, made live.
import { FerryError, at } from '../../errors.js';
import type { MappingConfig } from '../../config/model.js';
import { findReservedKey } from '../../config/check-config.js';
import { suggestKey } from '../../config/checks.js';
import type { Destination } from '../../destinations/kit/define-destination.js';
import { compileRoute, type CompiledRoute } from '../../subscriptions/compile.js';
import type { StoredDestination } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { presetsOf } from '../destination-types.js';
import { notFound } from '../errors.js';
import { refuseIfManaged } from '../config-managed.js';

export interface MappingList {
  /** The destination stores no mappings: these are the presets, stored on its first mapping change. */
  presets: boolean;
  mappings: MappingConfig[];
}

export async function findDestination(deps: AdminDeps, id: string): Promise<StoredDestination> {
  const found = (await deps.store.listDestinations()).find((d) => d.id === id);
  if (!found) throw notFound('destination', id);
  return found;
}

/** Copies, so a caller may change them freely. */
export function mappingsOf(deps: AdminDeps, destination: StoredDestination): MappingList {
  if (destination.mappings) return { presets: false, mappings: structuredClone(destination.mappings) };
  return { presets: true, mappings: presetsOf(deps, destination) };
}

export function indexOfMapping(destination: StoredDestination, list: MappingList, name: string): number {
  const index = list.mappings.findIndex((m) => m.name === name);
  if (index < 0) throw new FerryError('FERRY_ERR_NOT_FOUND', `destination '${destination.id}' has no mapping '${name}'`, {}, 404);
  return index;
}

/** Stores the destination with `mappings` as its list, then makes it live (routes and workers reloaded). */
export async function saveMappings(deps: AdminDeps, destination: StoredDestination, mappings: MappingConfig[]): Promise<void> {
  refuseIfManaged(deps.configManaged, 'destination', destination.id, 'its mappings');
  const { pausedReason: _pausedReason, ...config } = destination;
  await deps.store.upsertDestination({ ...config, mappings });
  await deps.onConfigChanged();
}

/** Changes run one at a time, so each reads the list the previous one wrote (no lost update). */
export function createEditQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(edit: () => Promise<T>): Promise<T> => {
    const run = tail.then(edit, edit);
    tail = run.catch(() => undefined);
    return run;
  };
}

// The static routes /mappings/order and /mappings/validate would hide a mapping of that name.
const RESERVED_NAMES = ['order', 'validate'];
/** A name the API is to store (a new mapping, a rename): names from a config file are kept as they are. */
export function checkNewName(name: string): void {
  if (name.trim() !== name) {
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', 'name must not start or end with spaces', { path: 'name' });
  }
  if (RESERVED_NAMES.includes(name)) {
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', `'${name}' is reserved by the admin API; choose another name`, { path: 'name' });
  }
}

/**
 * Compiles a mapping given as an API body like the pipeline will (unknown action, FQL, directives), so errors carry
 * the parser's message and a path inside the body (`trigger`, `mapping.email.@if`).
 */
export function checkMapping(spec: MappingConfig, destination: Destination): CompiledRoute {
  const reserved = findReservedKey(spec.mapping, 'mapping');
  if (reserved) {
    const message = `Invalid mapping at "${reserved.path}": the key "${reserved.key}" is not allowed`;
    throw new FerryError('FERRY_ERR_MAPPING_DIRECTIVE', message, { path: reserved.path });
  }
  return compileRoute(spec, '', destination);
}

export function refuseDuplicateName(list: MappingList, name: string, destinationId: string): void {
  if (list.mappings.some((m) => m.name === name)) {
    throw new FerryError('FERRY_ERR_CONFLICT', `destination '${destinationId}' already has a mapping named '${name}'`, { path: 'name' }, 409);
  }
}

/**
 * A fastify preValidation hook refusing body keys the schema does not know (fastify would drop them silently, and a
 * typo such as `maping` would then save the default mapping), with a suggestion like the config file gives.
 */
export function refuseUnknownKeys(allowed: readonly string[]) {
  return async (request: { body: unknown }) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    for (const key of Object.keys(body)) {
      if (allowed.includes(key)) continue;
      const suggestion = suggestKey(key, allowed);
      const hint = suggestion ? `did you mean "${suggestion}"?` : `expected one of: ${allowed.join(', ')}`;
      throw new FerryError('FERRY_ERR_REQUEST_INVALID', `body.${key} is not a known key; ${hint}`, at(key));
    }
  };
}
