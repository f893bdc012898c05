// Reads a config file from disk and parses it: the only file I/O in src/config.
import { readFileSync } from 'node:fs';
import { FerryError } from '../errors.js';
import { parseConfig, type LoadedConfig } from './parse.js';

export { parseConfig, type LoadedConfig } from './parse.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error as Error).message;
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `${file}: cannot read the config file: ${reason}`, { file });
  }
  return parseConfig(text, file, env);
}
