// erasePerson against the simulator (R23): a delivery in flight that re-creates the contact mid-erasure is caught.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { endpointPolicyFromEnv } from '../../destinations/kit/endpoint-policy.js';
import { defaultRegistry } from '../../destinations/registry.js';
import { Suppressions } from '../../ingest/suppressions.js';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/index.js';
import { erasePerson } from './erase-person.js';

const KEY = Buffer.alloc(32, 9);
const sim = useSimulator();
let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function openStore(): Promise<SqliteStore> {
  const opened = await openSqliteStore({
    file: join(mkdtempSync(join(tmpdir(), 'ferry-erase-')), 'ferry.db'),
    secretKey: KEY,
    secretSettings: (type) => defaultRegistry.find(type)?.secretSettings ?? [],
  });
  await opened.applyConfig({
    sources: [{ id: 'web', writeKey: 'wk' }],
    destinations: [{ id: 'intercom', type: 'intercom', enabled: true, settings: { region: 'us', apiVersion: '2.11', accessToken: 'sim_token', endpoint: sim.url } }],
  });
  return opened;
}

const contacts = async () => ((await sim.state()).contacts as any[]).map((c) => c.external_id);

it('deletes again when a delivery in flight re-created the contact after the first delete', async () => {
  store = await openStore();
  const real = store;
  const created = await sim.api('POST', '/contacts', { role: 'user', external_id: 'u-1' });
  let passes = 0;
  const racing = Object.assign(Object.create(real) as SqliteStore, {
    erasePersonData: async (person: Parameters<SqliteStore['erasePersonData']>[0]) => {
      passes += 1;
      if (passes === 2) {
        // What an identify leased before the erasure does when its answer comes back after the DELETE.
        const again = await sim.api('POST', '/contacts', { role: 'user', external_id: 'u-1' });
        await real.identityCache().rememberContact('intercom', [{ kind: 'external_id', value: 'u-1' }], { id: again.body.id, role: 'user' });
      }
      return real.erasePersonData(person);
    },
  });
  const record = await erasePerson(
    { store: racing, suppressions: await Suppressions.load(real, KEY), registry: defaultRegistry, endpointPolicy: endpointPolicyFromEnv() },
    { person: { kind: 'userId', value: 'u-1' }, actor: 'admin' },
  );
  expect(created.status).toBe(200);
  expect(passes).toBe(3);
  expect(await contacts()).toEqual([]);
  expect(record.destinations).toEqual([{ destinationId: 'intercom', status: 'deleted', httpStatus: 200 }]);
  expect(record.deleted).toEqual({ events: 0, jobs: 0, attempts: 0, identities: 1 });
  expect(await real.identityCache().findContact('intercom', { kind: 'external_id', value: 'u-1' })).toBeUndefined();
});

it('does not delete twice when nothing happened meanwhile', async () => {
  store = await openStore();
  await sim.api('POST', '/contacts', { role: 'user', external_id: 'u-2' });
  const record = await erasePerson(
    { store, suppressions: await Suppressions.load(store, KEY), registry: defaultRegistry, endpointPolicy: endpointPolicyFromEnv() },
    { person: { kind: 'userId', value: 'u-2' }, actor: 'cli' },
  );
  expect(record).toMatchObject({ actor: 'cli', destinations: [{ destinationId: 'intercom', status: 'deleted', httpStatus: 200 }] });
  expect((await sim.requests()).map((r: any) => `${r.method} ${r.path}`).filter((call: string) => call !== 'POST /contacts')).toEqual([
    'POST /contacts/search', expect.stringMatching(/^DELETE \/contacts\//),
  ]);
});
