// The PostgreSQL store: the shared contract on the run's throw-away server — one database for the file, emptied
// before each store is opened (creating and migrating a database per test would cost a quarter of a second each).
import { describe, inject, it } from 'vitest';
import { TEST_SECRET_KEY } from '../contract/fixtures.js';
import { describeStoreContract, STORE_ROLES } from '../contract/store-contract.js';
import { openPostgresStore } from './index.js';
import { emptyDatabase } from './test-support/empty-database.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

let database: Promise<string> | undefined;

async function openEmpty() {
  database ??= freshDatabase(server);
  const store = await openPostgresStore({ url: await database, secretKey: TEST_SECRET_KEY, poolSize: 4 });
  await emptyDatabase(store.pool);
  return store;
}

describe.skipIf(server === '')('on PostgreSQL', () => {
  describeStoreContract('postgres', openEmpty, { roles: STORE_ROLES });
});
