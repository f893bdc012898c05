// The folder of ferry's package.json, found upwards from a module's folder (src/, dist/src/, or the bundle's dist/chunks/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageRoot {
  dir: string;
  version: string;
}

/** ferry's package root above `moduleUrl` (an import.meta.url), looking at most `levels` folders up; undefined if none. */
export function findPackageRoot(moduleUrl: string, levels = 4): PackageRoot | undefined {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < levels; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ferry' && pkg.version) return { dir, version: pkg.version };
    }
    dir = dirname(dir);
  }
  return undefined;
}
