// Admin API bodies for sources and destinations, checked by the config file's rules: same messages, paths in the body.
import { FerryError, at } from '../../errors.js';
import { randomBytes } from 'node:crypto';
import { ObjectReader, isPlainObject, type Fail } from '../../config/checks.js';
import { checkDestination, checkDestinationSources, checkSource, checkSourcesExist } from '../../config/check-config.js';
import type { DestinationConfig, DestinationSettings, SourceConfig } from '../../config/model.js';
import { credentialsToCarry } from '../../destinations/kit/credentials.js';
import type { Destination } from '../../destinations/kit/define-destination.js';
import type { EndpointPolicy } from '../../destinations/kit/endpoint-policy.js';
import type { Registry } from '../../destinations/registry.js';
import { compileRoutes } from '../../subscriptions/compile.js';
import type { StoredDestination } from '../../store/types.js';
import { maskSecret } from './redact.js';

/** A config-file problem in an API body: 400 FERRY_ERR_CONFIG_INVALID, the message led by its path. */
export const failBody: Fail = (path, problem) => {
  throw new FerryError('FERRY_ERR_CONFIG_INVALID', `${path === '' ? 'body' : path}: ${problem}`, at(path));
};

export const newWriteKey = () => randomBytes(24).toString('base64url');

// No body at all reads as an empty object, so "id: is required" answers a bare POST.
const bodyOf = (body: unknown) => (body === undefined ? {} : body);

/** POST /api/sources: id, name, and a writeKey that is generated when left out. */
export function checkNewSource(body: unknown): SourceConfig {
  const value = bodyOf(body);
  const withKey = isPlainObject(value) && !Object.hasOwn(value, 'writeKey') ? { ...value, writeKey: newWriteKey() } : value;
  return checkSource(withKey, '', failBody);
}

/** PUT /api/sources/:id: a new name (absent: none) and, optionally, a writeKey of the caller's choice. */
export function checkSourceUpdate(body: unknown, stored: SourceConfig): SourceConfig {
  const reader = ObjectReader.open(bodyOf(body), '', ['name', 'writeKey'], failBody);
  const name = reader.string('name');
  return { id: stored.id, ...(name === undefined ? {} : { name }), writeKey: reader.string('writeKey') ?? stored.writeKey };
}

/** POST /api/destinations: a destination as the config file writes one; type (default: the first) and settings may be left out. */
export function checkNewDestination(body: unknown, endpoints: EndpointPolicy, registry: Registry, sourceIds: readonly string[]): DestinationConfig {
  const value = bodyOf(body);
  const filled = isPlainObject(value) ? { type: registry.defaultType, settings: {}, ...value } : value;
  const destination = checkDestination(filled, '', failBody, endpoints, registry);
  checkSourcesExist(destination.sources, 'sources', sourceIds, failBody);
  // Known actions, valid FQL and directives, at most 50: compiled like the pipeline will (FerryError with its path).
  if (destination.mappings !== undefined) compileRoutes(destination.mappings, 'mappings', registry.get(destination.type));
  return destination;
}

/**
 * PUT /api/destinations/:id: name, enabled and settings; what is left out stays. In `settings`, an absent secret
 * (or the "****" form an answer showed) keeps the stored one and the details describing it (a token's workspace) —
 * unless the credential target (the endpoint) changes, which drops them (R22: a token goes only where it was given
 * for); null removes the secret.
 */
export function checkDestinationUpdate(
  body: unknown,
  stored: StoredDestination,
  endpoints: EndpointPolicy,
  registry: Registry,
  sourceIds: readonly string[],
): DestinationConfig {
  const reader = ObjectReader.open(bodyOf(body), '', ['name', 'enabled', 'sources', 'settings'], failBody);
  const { pausedReason: _paused, ...current } = stored;
  const name = reader.has('name') ? reader.string('name') : stored.name;
  const enabled = reader.boolean('enabled', stored.enabled);
  const definition = registry.get(stored.type);
  const settings = reader.has('settings')
    ? mergeSettings(reader.value('settings'), stored.settings, endpoints, definition)
    : stored.settings;
  const { name: _name, sources: storedSources, ...rest } = current;
  const sources = reader.has('sources') ? checkSourceList(reader.value('sources'), sourceIds) : storedSources;
  return { ...rest, ...(name === undefined ? {} : { name }), enabled, ...(sources === undefined ? {} : { sources }), settings };
}

/** `sources` of a PUT body: a list of known source ids, or null for every source. */
function checkSourceList(value: unknown, sourceIds: readonly string[]): string[] | undefined {
  const { sources } = checkDestinationSources({ sources: value }, failBody);
  checkSourcesExist(sources, 'sources', sourceIds, failBody);
  return sources;
}

function mergeSettings(value: unknown, stored: DestinationSettings, endpoints: EndpointPolicy, definition: Destination): DestinationSettings {
  const check = (settings: unknown) => definition.checkSettings(settings, 'settings', failBody, { endpointPolicy: endpoints });
  if (!isPlainObject(value)) return check(value);
  const given: Record<string, unknown> = { ...value };
  const kept: string[] = [];
  for (const name of definition.secretSettings) {
    const secret = given[name];
    const before = stored[name];
    if (secret === undefined || (typeof before === 'string' && secret === maskSecret(before))) {
      delete given[name];
      kept.push(name);
    } else if (secret === null) {
      delete given[name];
    }
  }
  // R22: a kept secret stays only while it goes where it was given for; a detail the body names itself wins.
  return check({ ...credentialsToCarry(definition, stored, given, kept), ...given });
}

/** `?force=true` of a DELETE (also 1/0, false); anything else is a 400. */
export function forceOf(query: unknown): boolean {
  // fastify's query objects have a prototype of their own (not a plain object), so only own keys are read.
  const value = typeof query === 'object' && query !== null && Object.hasOwn(query, 'force') ? (query as { force: unknown }).force : undefined;
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === '') return true;
  throw new FerryError('FERRY_ERR_REQUEST_INVALID', 'force: must be true or false', { path: 'force' });
}
