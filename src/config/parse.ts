// parseConfig: config text -> validated FerryConfig with ${ENV} expanded and a line for every path. No file I/O.
import { FerryError } from '../errors.js';
import { endpointPolicyFromEnv } from '../destinations/kit/endpoint-policy.js';
import type { Registry } from '../destinations/registry.js';
import { checkConfig } from './check-config.js';
import type { Fail } from './checks.js';
import { findLine } from './config-path.js';
import { expandEnv } from './env.js';
import type { FerryConfig } from './model.js';
import { readTree } from './read-tree.js';

export interface LoadedConfig {
  config: FerryConfig;
  file: string;
  /** 1-based line of a dotted path like 'destinations[0].mappings[2].trigger', or of its nearest existing parent. */
  lineOf(path: string): number | undefined;
}

/** `${file}:${line}: ${path}: ${problem}`; the path part is left out for the document as a whole. */
export function configError(file: string, line: number, path: string, problem: string): FerryError {
  const where = path === '' ? '' : `${path}: `;
  return new FerryError('FERRY_ERR_CONFIG_INVALID', `${file}:${line}: ${where}${problem}`, { file, path, line });
}

/** JSON when `file` ends with .json, YAML otherwise. Throws FerryError FERRY_ERR_CONFIG_INVALID. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env, registry?: Registry): LoadedConfig {
  let lines: ReadonlyMap<string, number> = new Map();
  const fail: Fail = (path, problem, line) => {
    throw configError(file, line ?? findLine(lines, path) ?? 1, path, problem);
  };
  const json = file.toLowerCase().endsWith('.json');
  const tree = readTree(text.replace(/^\uFEFF/, ''), json, fail);
  lines = tree.lines;
  // The same environment that fills ${ENV} says whether custom endpoints are allowed (R22).
  const config = checkConfig(expandEnv(tree.value, '', env, fail), fail, endpointPolicyFromEnv(env), registry);
  return { config, file, lineOf: (path) => findLine(tree.lines, path) };
}
