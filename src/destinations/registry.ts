// The registry: every destination ferry can deliver to, by type. The rest of ferry asks it instead of naming one.
import type { Destination } from './kit/define-destination.js';
import { intercom } from './intercom/index.js';

/** The destinations ferry ships with; the first is the type a destination gets when none is given. */
export const DESTINATIONS: readonly Destination[] = [intercom];

export interface Registry {
  readonly destinations: readonly Destination[];
  /** The type given to a destination that names none (the first registered). */
  readonly defaultType: string;
  find(type: string): Destination | undefined;
  /** Throws for a type no definition has: the config check refuses those before anything asks. */
  get(type: string): Destination;
  /** Whether Segment's `integrations` object lets an event go to this destination (`{"All": false, "Intercom": true}`). */
  allows(destination: Destination, integrations: unknown): boolean;
}

export function createRegistry(destinations: readonly Destination[] = DESTINATIONS): Registry {
  if (destinations.length === 0) throw new TypeError('a registry needs at least one destination');
  const byKey = new Map<string, Destination>();
  for (const destination of destinations) {
    if (byKey.has(destination.key)) throw new TypeError(`two destinations have the type '${destination.key}'`);
    byKey.set(destination.key, destination);
  }
  return {
    destinations,
    defaultType: destinations[0]!.key,
    find: (type) => byKey.get(type),
    get(type) {
      const found = byKey.get(type);
      if (found === undefined) throw new TypeError(`no destination of type '${type}' (known: ${[...byKey.keys()].join(', ')})`);
      return found;
    },
    allows: integrationAllows,
  };
}

/**
 * Segment's `integrations` object: `{"All": false, "Intercom": true}` sends only there, `{"Intercom": false}` sends
 * nowhere there. A value may also be an object of options, which means "on". The first of the destination's names
 * present decides, else `All`.
 */
export function integrationAllows(destination: Pick<Destination, 'integrationNames'>, integrations: unknown): boolean {
  if (integrations === null || typeof integrations !== 'object') return true;
  const settings = integrations as Record<string, unknown>;
  const flag = (value: unknown) => (value === undefined ? undefined : value !== false);
  for (const name of destination.integrationNames) {
    const own = flag(Object.hasOwn(settings, name) ? settings[name] : undefined);
    if (own !== undefined) return own;
  }
  return flag(settings.All) ?? true;
}

/** The registry of the destinations ferry ships with. */
export const defaultRegistry: Registry = createRegistry();
