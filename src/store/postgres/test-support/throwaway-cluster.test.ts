// The run's throw-away PostgreSQL server answers, and each fresh database starts empty.
import pg from 'pg';
import { expect, it } from 'vitest';
import { freshDatabase, postgresOrSkip } from './use-postgres.js';

it('serves fresh, empty databases on 127.0.0.1', async (context) => {
  const server = postgresOrSkip(context);
  expect(new URL(server).hostname).toBe('127.0.0.1');
  const [a, b] = [await freshDatabase(server), await freshDatabase(server)];
  expect(a).not.toBe(b);
  const client = new pg.Client({ connectionString: a });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
    expect(rows).toEqual([{ n: 0 }]);
    expect(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num)).toBeGreaterThanOrEqual(150000);
  } finally {
    await client.end();
  }
});
