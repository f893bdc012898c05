// Structural validation of a loaded config document, with defaults applied; semantics (FQL, directives, actions) live elsewhere.
import { ObjectReader, describe, isPlainObject, type Fail } from './checks.js';
import { childPath } from './config-path.js';
import type { Destination } from '../destinations/kit/define-destination.js';
import type { EndpointPolicy } from '../destinations/kit/endpoint-policy.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';
import type { DestinationConfig, DestinationSettings, FerryConfig, MappingConfig, SourceConfig } from './model.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// Keys that could reach an object's prototype when a mapping is merged or walked by other code.
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

/** `endpoints`: where credentials may go (R22), as the operator's environment allows; `registry`: the known types. */
export function checkConfig(document: unknown, fail: Fail, endpoints: EndpointPolicy, registry: Registry = defaultRegistry): FerryConfig {
  if (document === null) return fail('', 'the file is empty; expected an object with "sources" and "destinations"');
  const what = 'an object with "sources" and "destinations"';
  const root = ObjectReader.open(document, '', ['sources', 'destinations'], fail, what);
  const sourceIds = new Unique(fail);
  const writeKeys = new Unique(fail);
  const sources = (root.list('sources') ?? []).map((value, index) => {
    const path = childPath(root.at('sources'), index);
    const source = checkSource(value, path, fail);
    sourceIds.add(source.id, path, 'id', (first) => `duplicate id "${source.id}"; ${first} already uses it`);
    writeKeys.add(source.writeKey, path, 'writeKey', (first) => `${first} already uses this writeKey; each source needs its own`);
    return source;
  });
  const destinationIds = new Unique(fail);
  const destinations = (root.list('destinations') ?? []).map((value, index) => {
    const path = childPath(root.at('destinations'), index);
    const destination = checkDestination(value, path, fail, endpoints, registry);
    destinationIds.add(destination.id, path, 'id', (first) => `duplicate id "${destination.id}"; ${first} already uses it`);
    checkSourcesExist(destination.sources, childPath(path, 'sources'), sources.map((s) => s.id), fail);
    return destination;
  });
  return { sources, destinations };
}

/** Also checks admin API bodies, so the API and the file answer the same errors. */
export function checkSource(value: unknown, path: string, fail: Fail): SourceConfig {
  const source = ObjectReader.open(value, path, ['id', 'name', 'writeKey'], fail);
  const id = checkId(source, fail);
  const name = source.string('name');
  const writeKey = source.requiredString('writeKey');
  return { id, ...(name === undefined ? {} : { name }), writeKey };
}

export function checkDestination(
  value: unknown,
  path: string,
  fail: Fail,
  endpoints: EndpointPolicy,
  registry: Registry = defaultRegistry,
): DestinationConfig {
  const keys = ['id', 'type', 'name', 'enabled', 'sources', 'settings', 'mappings'];
  const destination = ObjectReader.open(value, path, keys, fail);
  const id = checkId(destination, fail);
  const type = destination.requiredString('type');
  const definition = registry.find(type) ?? fail(destination.at('type'), unknownType(registry, type));
  const name = destination.string('name');
  const enabled = destination.boolean('enabled', true);
  const sources = checkSourceIds(destination, fail);
  const settings = checkSettings(destination.required('settings'), destination.at('settings'), fail, endpoints, definition);
  const names = new Unique(fail);
  const mappings = destination.list('mappings')?.map((item, index) => {
    const itemPath = childPath(destination.at('mappings'), index);
    const mapping = checkMapping(item, itemPath, fail);
    names.add(mapping.name, itemPath, 'name', (first) => `duplicate mapping name "${mapping.name}"; ${first} already uses it`);
    return mapping;
  });
  return {
    id,
    type,
    ...(name === undefined ? {} : { name }),
    enabled,
    ...(sources === undefined ? {} : { sources }),
    settings,
    ...(mappings === undefined ? {} : { mappings }),
  };
}

/** `{sources}` alone (an admin API update names it without the rest of a destination). */
export function checkDestinationSources(value: object, fail: Fail): { sources?: string[] } {
  const sources = checkSourceIds(ObjectReader.open(value, '', ['sources'], fail), fail);
  return sources === undefined ? {} : { sources };
}

/** `sources`: a list of source ids, each once; absent or null: every source. */
function checkSourceIds(destination: ObjectReader, fail: Fail): string[] | undefined {
  if (destination.value('sources') === null) return undefined;
  const seen = new Set<string>();
  return destination.list('sources')?.map((value, index) => {
    const path = childPath(destination.at('sources'), index);
    if (typeof value !== 'string' || !ID.test(value)) {
      return fail(path, `must be a source id, got ${typeof value === 'string' ? JSON.stringify(value) : describe(value)}`);
    }
    if (seen.has(value)) fail(path, `"${value}" is listed twice`);
    seen.add(value);
    return value;
  });
}

/** Each id in a destination's `sources` names a known source (the file's, or the stored ones for the admin API). */
export function checkSourcesExist(sources: readonly string[] | undefined, path: string, known: readonly string[], fail: Fail): void {
  sources?.forEach((id, index) => {
    if (!known.includes(id)) fail(childPath(path, index), `unknown source "${id}"; the sources are: ${known.map((k) => `"${k}"`).join(', ') || '(none)'}`);
  });
}

function unknownType(registry: Registry, type: string): string {
  const keys = registry.destinations.map((d) => `"${d.key}"`);
  return keys.length === 1
    ? `must be ${keys[0]} (the only destination type), got "${type}"`
    : `must be one of ${keys.join(', ')}, got "${type}"`;
}

/** A destination's settings, checked by its definition (default: the registry's default type). */
export function checkSettings(
  value: unknown,
  path: string,
  fail: Fail,
  endpoints: EndpointPolicy,
  destination: Destination = defaultRegistry.get(defaultRegistry.defaultType),
): DestinationSettings {
  return destination.checkSettings(value, path, fail, { endpointPolicy: endpoints });
}

function checkMapping(value: unknown, path: string, fail: Fail): MappingConfig {
  const mapping = ObjectReader.open(value, path, ['name', 'action', 'trigger', 'mapping', 'enabled'], fail);
  const name = mapping.requiredString('name');
  const action = mapping.requiredString('action');
  const trigger = mapping.text('trigger');
  const fields = mapping.value('mapping');
  if (mapping.has('mapping')) {
    if (!isPlainObject(fields)) fail(mapping.at('mapping'), `must be an object, got ${describe(fields)}`);
    refuseReservedKeys(fields, mapping.at('mapping'), fail);
  }
  const enabled = mapping.boolean('enabled', true);
  return {
    name,
    action,
    ...(trigger === undefined ? {} : { trigger }),
    ...(fields === undefined ? {} : { mapping: fields as Record<string, unknown> }),
    enabled,
  };
}

function refuseReservedKeys(value: unknown, path: string, fail: Fail): void {
  const found = findReservedKey(value, path);
  if (found) fail(found.path, `the key "${found.key}" is not allowed`);
}

/**
 * The first key inside `value` (in document order) that could reach a prototype, with its path. Walked with a stack
 * of its own, not recursion: a value nested any depth cannot overflow it. Also checks admin API mapping bodies.
 */
export function findReservedKey(value: unknown, path: string): { path: string; key: string } | undefined {
  const stack: Array<{ node: unknown; at: string; key?: string }> = [{ node: value, at: path }];
  while (stack.length > 0) {
    const { node, at, key } = stack.pop()!;
    if (key !== undefined && RESERVED_KEYS.includes(key)) return { path: at, key };
    // Children pushed last-first, so they come off the stack in order.
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], at: childPath(at, i) });
    } else if (isPlainObject(node)) {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ node: node[keys[i]!], at: childPath(at, keys[i]!), key: keys[i]! });
    }
  }
  return undefined;
}

function checkId(reader: ObjectReader, fail: Fail): string {
  const id = reader.requiredString('id');
  if (!ID.test(id)) {
    fail(reader.at('id'), `must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit; got "${id}"`);
  }
  return id;
}

/** Remembers which item first used a value, to name it when another item repeats it. */
class Unique {
  private readonly seen = new Map<string, string>();
  constructor(private readonly fail: Fail) {}

  add(value: string, itemPath: string, field: string, clash: (first: string) => string): void {
    const first = this.seen.get(value);
    if (first !== undefined) this.fail(childPath(itemPath, field), clash(first));
    this.seen.set(value, itemPath);
  }
}
