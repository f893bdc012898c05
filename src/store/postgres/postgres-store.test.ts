// The PostgreSQL store: the shared contract, every store on a fresh database of the run's throw-away server.
import { describe, inject, it } from 'vitest';
import { TEST_SECRET_KEY } from '../contract/fixtures.js';
import { describeStoreContract } from '../contract/store-contract.js';
import { openPostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

describe.skipIf(server === '')('on PostgreSQL', () => {
  describeStoreContract('postgres', async () =>
    openPostgresStore({ url: await freshDatabase(server), secretKey: TEST_SECRET_KEY, poolSize: 4 }));
});
