// `ferry validate`: check a config file (structure, actions, triggers, mappings) and say what it holds.
import { loadConfigFile } from '../config/load.js';
import { compileConfig } from '../config/validate.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';

export function runValidateCommand(file: string, registry: Registry = defaultRegistry): string {
  const loaded = loadConfigFile(file, process.env, registry);
  const routes = compileConfig(loaded, registry);
  const counts = [...routes].map(([id, list]) => `${id}: ${list.length} mapping${list.length === 1 ? '' : 's'}`);
  return `${loaded.file} is valid (${loaded.config.sources.length} source(s); ${counts.join('; ') || 'no destinations'})`;
}
