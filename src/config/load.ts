// Reads a config file from disk (at most 1 MB of it) and parses it: the only file I/O in src/config.
import { closeSync, openSync, readSync } from 'node:fs';
import { FerryError } from '../errors.js';
import { formatBytes } from '../json-measure.js';
import type { Registry } from '../destinations/registry.js';
import { parseConfig, type LoadedConfig } from './parse.js';

export { parseConfig, type LoadedConfig } from './parse.js';

/** The largest config file ferry reads; a real one is a few KB even with 50 mappings per destination. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

/**
 * The bytes of a file, or of an open descriptor such as standard input (0); undefined when there are more than
 * `limit`. At most limit + 1 bytes are read whatever the file claims: /dev/zero and pipes report a size of 0.
 */
export function readFileBounded(file: string | number, limit: number): Buffer | undefined {
  const fd = typeof file === 'number' ? file : openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length <= limit) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > limit ? undefined : buffer.subarray(0, length);
  } finally {
    if (typeof file !== 'number') closeSync(fd);
  }
}

/** `registry`: the destination types the file may use (default: those ferry ships with). */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env, registry?: Registry): LoadedConfig {
  let bytes: Buffer | undefined;
  try {
    bytes = readFileBounded(file, MAX_CONFIG_BYTES);
  } catch (error) {
    const reason = REASONS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `${file}: cannot read the config file: ${reason}`, { file });
  }
  if (bytes === undefined) {
    const limit = formatBytes(MAX_CONFIG_BYTES);
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `${file}: the config file is larger than ${limit}, the most ferry reads`, { file });
  }
  return parseConfig(bytes.toString('utf8'), file, env, registry);
}
