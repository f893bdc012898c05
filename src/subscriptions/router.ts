// Routing: which jobs an event creates — one per matching enabled mapping of each destination it may go to.
import type { NewJob } from '../store/types.js';
import { compileRoutes, type CompiledRoute, type MappingSpec } from './compile.js';

export interface RoutableDestination {
  id: string;
  enabled: boolean;
  mappings?: readonly MappingSpec[];
}

export interface DestinationRoutes {
  id: string;
  enabled: boolean;
  routes: CompiledRoute[];
}

/**
 * Segment's `integrations` object: `{"All": false, "Intercom": true}` sends only to Intercom, `{"Intercom": false}`
 * sends nowhere here. A value may also be an object of options, which means "on".
 */
export function integrationAllows(integrations: unknown): boolean {
  if (integrations === null || typeof integrations !== 'object') return true;
  const settings = integrations as Record<string, unknown>;
  const flag = (value: unknown) => (value === undefined ? undefined : value !== false);
  const intercom = flag(settings.Intercom) ?? flag(settings['Intercom Cloud Mode (Actions)']);
  return intercom ?? flag(settings.All) ?? true;
}

export class Router {
  private destinations: DestinationRoutes[] = [];

  /** Compiles every destination's mappings (or presets); throws a FerryError before changing anything. */
  update(destinations: readonly RoutableDestination[]): void {
    this.destinations = destinations.map((d) => ({ id: d.id, enabled: d.enabled, routes: compileRoutes(d.mappings) }));
  }

  routesOf(destinationId: string): CompiledRoute[] {
    return this.destinations.find((d) => d.id === destinationId)?.routes ?? [];
  }

  route(destinationId: string, mappingName: string): CompiledRoute | undefined {
    return this.routesOf(destinationId).find((r) => r.name === mappingName);
  }

  /** The jobs for `event`; a destination where no mapping matches gets one `filtered` job (mappingName null). */
  jobsFor(event: object): NewJob[] {
    if (!integrationAllows((event as { integrations?: unknown }).integrations)) return [];
    const jobs: NewJob[] = [];
    for (const destination of this.destinations) {
      if (!destination.enabled) continue;
      const matching = destination.routes.filter((r) => r.enabled && r.trigger(event));
      if (matching.length === 0) jobs.push({ destinationId: destination.id, mappingName: null });
      for (const route of matching) {
        jobs.push({ destinationId: destination.id, mappingName: route.name, action: route.action.key });
      }
    }
    return jobs;
  }
}
