// A destination's mappings, checked and compiled once: action, trigger and field mapping (defaults filled in).
import { FerryError } from '../errors.js';
import type { ActionSpec } from '../destinations/kit/action.js';
import type { Destination } from '../destinations/kit/define-destination.js';
import { defaultRegistry } from '../destinations/registry.js';
import { formatBytes, jsonBytes, MAX_JSON_DEPTH, valueDepth } from '../json-measure.js';
import { compileMapping, type CompiledMapping } from '../mapping/index.js';
import { compileTrigger, type CompiledTrigger } from './trigger.js';

// Segment's limit per destination instance.
export const MAX_MAPPINGS = 50;

/**
 * A field mapping's JSON: Segment's mappings are a few hundred bytes to a few KB and nest a handful of levels; these
 * bounds leave ample room while keeping a mapping's compile time to milliseconds.
 */
export const MAPPING_LIMITS = { bytes: 64 * 1024, depth: MAX_JSON_DEPTH } as const;

export interface MappingSpec {
  name: string;
  action: string;
  trigger?: string;
  mapping?: Record<string, unknown>;
  enabled?: boolean;
}

export interface CompiledRoute {
  name: string;
  /** The destination the mapping belongs to: its client, context and error classes deliver it. */
  destination: Destination;
  action: ActionSpec<unknown>;
  trigger: CompiledTrigger;
  evaluate: CompiledMapping;
  enabled: boolean;
}

/** Refuses the 51st mapping (FERRY_ERR_MAPPING_LIMIT). */
export function checkMappingLimit(count: number, path = 'mappings'): void {
  if (count > MAX_MAPPINGS) {
    throw new FerryError(
      'FERRY_ERR_MAPPING_LIMIT',
      `A destination holds at most ${MAX_MAPPINGS} mappings; this one has ${count}`,
      { path: `${path}[${MAX_MAPPINGS}]` },
    );
  }
}

/** Measured without recursion, before anything else walks the mapping. */
function refuseLargeMapping(mapping: unknown, name: string, path: string): void {
  const refuse = (why: string) => {
    throw new FerryError('FERRY_ERR_MAPPING_TOO_LARGE', `Mapping '${name}': the mapping ${why}`, { path });
  };
  if (valueDepth(mapping, MAPPING_LIMITS.depth) > MAPPING_LIMITS.depth) {
    refuse(`is nested deeper than ${MAPPING_LIMITS.depth} levels`);
  }
  const bytes = jsonBytes(mapping);
  if (bytes > MAPPING_LIMITS.bytes) refuse(`is ${formatBytes(bytes)} as JSON; a mapping may be at most ${formatBytes(MAPPING_LIMITS.bytes)}`);
}

const defaultDestination = () => defaultRegistry.get(defaultRegistry.defaultType);

/**
 * `path` says where the spec sits (`mappings[2]`); '' when the spec is the document itself (an API body).
 * `destination`: whose actions the mapping uses (default: the registry's default type).
 */
export function compileRoute(spec: MappingSpec, path: string, destination: Destination = defaultDestination()): CompiledRoute {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  const action = destination.findAction(spec.action);
  if (!action) {
    const known = destination.actions.map((a) => a.key).join(', ');
    throw new FerryError(
      'FERRY_ERR_UNKNOWN_ACTION',
      `Mapping '${spec.name}': unknown action '${spec.action}' (known: ${known})`,
      { path: at('action') },
    );
  }
  if (spec.mapping !== undefined) refuseLargeMapping(spec.mapping, spec.name, at('mapping'));
  const fields = action.fieldKeys;
  for (const key of Object.keys(spec.mapping ?? {})) {
    if (!fields.includes(key)) {
      throw new FerryError(
        'FERRY_ERR_MAPPING_DIRECTIVE',
        `Mapping '${spec.name}': '${key}' is not a field of ${action.key} (fields: ${fields.join(', ')})`,
        { path: at(`mapping.${key}`) },
      );
    }
  }
  // A field the saved mapping leaves out uses its default mapping.
  const mapping = { ...action.defaultMapping, ...spec.mapping };
  return {
    name: spec.name,
    destination,
    action,
    trigger: compileTrigger(spec.trigger ?? action.defaultTrigger, spec.name, at('trigger')),
    evaluate: compileMapping(mapping, { path: at('mapping') }),
    enabled: spec.enabled ?? true,
  };
}

/** All of a destination's mappings, or its presets when it lists none. */
export function compileRoutes(
  specs: readonly MappingSpec[] | undefined,
  path = 'mappings',
  destination: Destination = defaultDestination(),
): CompiledRoute[] {
  const list = specs ?? destination.presets;
  checkMappingLimit(list.length, path);
  return list.map((spec, i) => compileRoute(spec, `${path}[${i}]`, destination));
}
