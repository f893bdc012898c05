// Routing: which jobs an event creates — one per matching enabled mapping of each destination it may go to.
import type { Destination } from '../destinations/kit/define-destination.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';
import type { NewJob } from '../store/types.js';
import { compileRoutes, type CompiledRoute, type MappingSpec } from './compile.js';

export interface RoutableDestination {
  id: string;
  type: string;
  enabled: boolean;
  mappings?: readonly MappingSpec[];
  /** The sources it receives events from; absent: every source. */
  sources?: readonly string[];
}

export interface DestinationRoutes {
  id: string;
  destination: Destination;
  enabled: boolean;
  routes: CompiledRoute[];
  /** absent: every source. */
  sources?: ReadonlySet<string>;
}

export class Router {
  private destinations: DestinationRoutes[] = [];

  /** `registry`: the destination types the routes are compiled for. */
  constructor(readonly registry: Registry = defaultRegistry) {}

  /** Compiles every destination's mappings (or presets); throws a FerryError before changing anything. */
  update(destinations: readonly RoutableDestination[]): void {
    this.destinations = destinations.map((d) => {
      const destination = this.registry.get(d.type);
      const routes = compileRoutes(d.mappings, 'mappings', destination);
      return { id: d.id, destination, enabled: d.enabled, routes, ...(d.sources ? { sources: new Set(d.sources) } : {}) };
    });
  }

  routesOf(destinationId: string): CompiledRoute[] {
    return this.destinations.find((d) => d.id === destinationId)?.routes ?? [];
  }

  route(destinationId: string, mappingName: string): CompiledRoute | undefined {
    return this.routesOf(destinationId).find((r) => r.name === mappingName);
  }

  /**
   * The jobs for `event` from `sourceId` (absent: from any source, as the testers send); a destination where no
   * mapping matches gets one `filtered` job (mappingName null); one not fed by the source gets none.
   */
  jobsFor(event: object, sourceId?: string): NewJob[] {
    const integrations = (event as { integrations?: unknown }).integrations;
    const jobs: NewJob[] = [];
    for (const destination of this.destinations) {
      if (!destination.enabled || !this.registry.allows(destination.destination, integrations)) continue;
      if (sourceId !== undefined && destination.sources && !destination.sources.has(sourceId)) continue;
      const matching = destination.routes.filter((r) => r.enabled && r.trigger(event));
      if (matching.length === 0) jobs.push({ destinationId: destination.id, mappingName: null });
      for (const route of matching) {
        jobs.push({ destinationId: destination.id, mappingName: route.name, action: route.action.key });
      }
    }
    return jobs;
  }
}
