// Tests on PostgreSQL: a fresh database per call on the run's throw-away server (see global-setup.ts).
import pg from 'pg';
import { inject } from 'vitest';

/** Skips the calling test (outside CI) when no PostgreSQL server could be started, saying why. */
export function postgresOrSkip(context: { skip: (note?: string) => void }): string {
  const url = inject('postgresUrl');
  if (url === '') context.skip(`no PostgreSQL server: ${inject('postgresUnavailable')}`);
  return url;
}

let databases = 0;

/** A new, empty database on the run's server; its URL. */
export async function freshDatabase(serverUrl: string = inject('postgresUrl')): Promise<string> {
  const name = `ferry_t${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
