// The Store contract: one suite every store implementation runs (SQLite files now, PostgreSQL later).
import { describe } from 'vitest';
import type { Store } from '../types.js';
import { configCases } from './config-cases.js';
import { deliveryCases } from './delivery-cases.js';
import { controlCases } from './control-cases.js';
import { eventCases } from './event-cases.js';
import { sampleConfig, type OpenStore } from './fixtures.js';
import { finishCases } from './finish-cases.js';
import { describeIdentityCacheContract } from './identity-cache-contract.js';
import { leaseCases } from './lease-cases.js';
import { purgeCases } from './purge-cases.js';
import { replayCases } from './replay-cases.js';
import { statsCases } from './stats-cases.js';

export type { OpenStore } from './fixtures.js';

/** `open` must give a new, empty store on every call; the suite closes each one. */
export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`${name}: store contract`, () => {
    configCases(open);
    controlCases(open);
    eventCases(open);
    leaseCases(open);
    finishCases(open);
    purgeCases(open);
    deliveryCases(open);
    replayCases(open);
    statsCases(open);
  });
  describeIdentityCacheContract(name, async () => {
    const store: Store = await open();
    await store.applyConfig(sampleConfig());
    return { cache: store.identityCache(), close: () => store.close() };
  });
}
