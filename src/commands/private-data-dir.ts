// The data dir holds the database, the secret key and the lock: created readable by ferry's own user only.
import { mkdirSync, statSync } from 'node:fs';
import type { Logger } from '../telemetry/logger.js';

/**
 * Creates the data dir 0700. One that already exists keeps its mode (the operator may share it on purpose, say with a
 * backup job's group); ferry's files inside are 0600 either way, and a warning says how to close the dir.
 */
export function preparePrivateDataDir(dataDir: string, logger: Logger): void {
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (created !== undefined || process.platform === 'win32') return;
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    logger.warn(
      { dataDir, mode: mode.toString(8).padStart(4, '0') },
      `the data dir is open to other users (mode ${mode.toString(8).padStart(4, '0')}); ferry's files in it are 0600, but to close it: chmod 700 ${dataDir}`,
    );
  }
}
