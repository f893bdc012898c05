// `ferry delete-person`: R23's erasure run against the data dir while no ferry holds it; otherwise, the admin API's way.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { erasePerson } from '../admin/people/erase-person.js';
import { endpointPolicyFromEnv } from '../destinations/kit/endpoint-policy.js';
import { defaultRegistry, type Registry } from '../destinations/registry.js';
import { FerryError } from '../errors.js';
import { Suppressions } from '../ingest/suppressions.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { ErasureRecord, PersonIdentifier, PersonIdentifierKind } from '../store/types.js';
import { createLogger } from '../telemetry/logger.js';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
import { loadSecretKey } from './secret-key.js';

export interface DeletePersonOptions {
  userId?: string;
  anonymousId?: string;
  email?: string;
  destination?: string[];
  dataDir: string;
  registry?: Registry;
  env?: NodeJS.ProcessEnv;
}

export type DeletePersonResult =
  | { mode: 'data-dir'; dataDir: string; erasure: ErasureRecord }
  /** A live ferry holds the data dir: nothing was done, the erasure goes through its admin API. */
  | { mode: 'use-the-api'; dataDir: string; pid: number };

const OPTIONS: Record<PersonIdentifierKind, string> = { userId: '--user-id', anonymousId: '--anonymous-id', email: '--email' };

/** Exactly one of the three identifier options; a FerryError naming the option otherwise (exit 2). */
export function personFromOptions(options: Pick<DeletePersonOptions, PersonIdentifierKind>): PersonIdentifier {
  const given = (Object.keys(OPTIONS) as PersonIdentifierKind[]).filter((kind) => options[kind] !== undefined);
  if (given.length !== 1) {
    const which = given.length === 0 ? 'none was given' : `got ${given.map((k) => OPTIONS[k]).join(' and ')}`;
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', `give exactly one of --user-id, --anonymous-id or --email (${which})`);
  }
  const kind = given[0]!;
  const value = options[kind]!;
  if (value.trim() === '') throw new FerryError('FERRY_ERR_REQUEST_INVALID', `${OPTIONS[kind]} is empty`);
  if (kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value.trim())) {
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', '--email: not an email address');
  }
  return { kind, value };
}

export async function runDeletePerson(options: DeletePersonOptions): Promise<DeletePersonResult> {
  const person = personFromOptions(options);
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir);
  const file = join(dataDir, 'ferry.db');
  if (!existsSync(file)) throw new FerryError('FERRY_ERR_REQUEST_INVALID', `there is no ferry database in ${dataDir} (--data-dir)`);
  // The suppression's hash needs the key ferry runs with: a new one would make it match nothing.
  if (!env.FERRY_SECRET_KEY && !existsSync(join(dataDir, 'secret.key'))) {
    throw new FerryError('FERRY_ERR_REQUEST_INVALID', `no secret key: set FERRY_SECRET_KEY as ferry runs with it (${dataDir} has no secret.key)`);
  }
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) return { mode: 'use-the-api', dataDir, pid: error.pid };
    throw error;
  }
  const registry = options.registry ?? defaultRegistry;
  try {
    const secretKey = loadSecretKey(dataDir, createLogger({ pretty: false }), env);
    const store = await openSqliteStore({ file, secretKey, secretSettings: (type) => registry.find(type)?.secretSettings ?? [] });
    try {
      const suppressions = await Suppressions.load(store, secretKey);
      // No sandbox runs here: a destination without credentials is skipped (its sandbox kept nothing once ferry stopped).
      const erasure = await erasePerson(
        { store, suppressions, registry, endpointPolicy: endpointPolicyFromEnv(env, []) },
        { person, destinations: options.destination, actor: 'cli' },
      );
      return { mode: 'data-dir', dataDir, erasure };
    } finally {
      await store.close();
    }
  } finally {
    unlock();
  }
}

/** What the command prints: which way it went first, then the erasure as the log keeps it (JSON). */
export function describeResult(result: DeletePersonResult, person: PersonIdentifier): string {
  if (result.mode === 'use-the-api') {
    const body = JSON.stringify({ [person.kind]: person.value });
    return [
      `ferry (pid ${result.pid}) is running on ${result.dataDir}: nothing was done here.`,
      'Erase through its admin API instead, so its suppressions apply at once:',
      `  curl -X POST -H "authorization: Bearer $FERRY_ADMIN_TOKEN" -H 'content-type: application/json' \\`,
      `    -d '${body}' <ferry's URL>/api/people/delete`,
      '',
    ].join('\n');
  }
  return `erased against the data dir ${result.dataDir} (no ferry process was running):\n${JSON.stringify(result.erasure, null, 2)}\n`;
}
