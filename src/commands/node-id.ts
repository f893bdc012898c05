// The node id: which ferry process holds a lease on a shared database; created once in the data dir (`node-id`).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../errors.js';

const NODE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The data dir's node id, created (random) on its first start; the same for every later run of that data dir. */
export function loadNodeId(dataDir: string): string {
  const file = join(dataDir, 'node-id');
  if (!existsSync(file)) {
    const id = randomBytes(12).toString('hex');
    writeFileSync(file, `${id}\n`, { mode: 0o600, flag: 'wx' });
    return id;
  }
  const id = readFileSync(file, 'utf8').trim();
  if (!NODE_ID.test(id)) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', `${file} must hold the node id: 1 to 64 letters, digits, '.', '_' or '-' (delete the file to get a new one)`);
  }
  return id;
}
