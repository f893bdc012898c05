// The config's semantics, checked with the engine itself: known actions, valid FQL and directives, at most 50 mappings.
import { FerryError } from '../errors.js';
import { compileRoutes, type CompiledRoute } from '../subscriptions/compile.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';
import type { LoadedConfig } from './load.js';

/** Each destination's compiled routes, keyed by destination id; an error names the file, path and line. */
export function compileConfig(loaded: LoadedConfig, registry: Registry = defaultRegistry): Map<string, CompiledRoute[]> {
  const routes = new Map<string, CompiledRoute[]>();
  loaded.config.destinations.forEach((destination, i) => {
    const path = `destinations[${i}].mappings`;
    try {
      routes.set(destination.id, compileRoutes(destination.mappings, path, registry.get(destination.type)));
    } catch (error) {
      if (!(error instanceof FerryError)) throw error;
      const where = error.details.path ?? path;
      const line = loaded.lineOf(where);
      throw new FerryError(
        'FERRY_ERR_CONFIG_INVALID',
        `${loaded.file}${line === undefined ? '' : `:${line}`}: ${where}: ${error.message}`,
        { file: loaded.file, path: where, ...(line === undefined ? {} : { line }) },
      );
    }
  });
  return routes;
}
