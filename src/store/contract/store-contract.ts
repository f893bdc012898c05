// The Store contract, in groups of cases per role, so a new store implementation can be brought up role by role.
import { describe, it } from 'vitest';
import type { Store } from '../types.js';
import { configCases } from './config-cases.js';
import { controlCases } from './control-cases.js';
import { controlDeleteCases } from './control-delete-cases.js';
import { deliveryLogCases } from './delivery-log-cases.js';
import { replayCases } from './delivery-log-replay-cases.js';
import { statsCases } from './delivery-log-stats-cases.js';
import { eventCases } from './event-cases.js';
import { sampleConfig, type OpenStore } from './fixtures.js';
import { describeIdentityCacheContract } from './identity-cache-contract.js';
import { finishCases } from './job-queue-finish-cases.js';
import { leaseCases } from './job-queue-lease-cases.js';
import { runCases } from './job-queue-run-cases.js';
import { peopleCases } from './people-cases.js';
import { retentionCases } from './retention-cases.js';
import { sourceEventCases } from './source-events-cases.js';

export type { OpenStore } from './fixtures.js';

/** The roles of src/store/roles/, in the order a new implementation would bring them up. */
export const STORE_ROLES = ['config', 'control', 'events', 'jobQueue', 'identityCache', 'retention', 'deliveryLog', 'people'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];

export interface CaseGroup {
  /** The role whose methods the group pins down. */
  role: StoreRole;
  title: string;
  /** The other roles its cases call to set up and observe (a job queue case inserts events, and so on). */
  uses: readonly StoreRole[];
  describe(open: OpenStore): void;
}

const identityCacheOf = (open: OpenStore) => async () => {
  const store: Store = await open();
  await store.applyConfig(sampleConfig());
  return { cache: store.identityCache(), close: () => store.close() };
};

export const CASE_GROUPS: readonly CaseGroup[] = [
  { role: 'config', title: 'applyConfig and the reads', uses: ['control'], describe: configCases },
  { role: 'control', title: 'upserts, settings, single-use keys', uses: ['config'], describe: controlCases },
  {
    role: 'control',
    title: 'deletes',
    uses: ['config', 'events', 'jobQueue', 'identityCache'],
    describe: controlDeleteCases,
  },
  { role: 'events', title: 'insertEvents', uses: ['config', 'jobQueue'], describe: eventCases },
  { role: 'jobQueue', title: 'leases', uses: ['config', 'events'], describe: leaseCases },
  { role: 'jobQueue', title: 'runs behind a head', uses: ['config', 'events'], describe: runCases },
  { role: 'jobQueue', title: 'outcomes', uses: ['config', 'events'], describe: finishCases },
  {
    role: 'identityCache',
    title: 'the persistent identity cache',
    uses: ['config'],
    describe: (open) => describeIdentityCacheContract('identityCache()', identityCacheOf(open)),
  },
  { role: 'retention', title: 'purge', uses: ['config', 'events', 'jobQueue'], describe: retentionCases },
  { role: 'deliveryLog', title: 'pages and details', uses: ['config', 'events', 'jobQueue'], describe: deliveryLogCases },
  { role: 'deliveryLog', title: 'replays', uses: ['config', 'events', 'jobQueue'], describe: replayCases },
  // A purge must leave the counts alone.
  { role: 'deliveryLog', title: 'stats', uses: ['config', 'events', 'jobQueue', 'retention'], describe: statsCases },
  { role: 'deliveryLog', title: "a source's events", uses: ['config', 'events', 'jobQueue'], describe: sourceEventCases },
  { role: 'people', title: 'erasure and suppressions', uses: ['config', 'events', 'jobQueue', 'identityCache', 'deliveryLog'], describe: peopleCases },
];

export interface StoreContractOptions {
  /** The roles the store implements so far; default all. */
  roles?: readonly StoreRole[];
}

/** Which groups of the chosen roles can run, and which wait for roles not chosen yet. */
export function selectCaseGroups(roles: readonly StoreRole[]): {
  run: CaseGroup[];
  waiting: { group: CaseGroup; missing: StoreRole[] }[];
} {
  const run: CaseGroup[] = [];
  const waiting: { group: CaseGroup; missing: StoreRole[] }[] = [];
  for (const group of CASE_GROUPS) {
    if (!roles.includes(group.role)) continue;
    const missing = group.uses.filter((role) => !roles.includes(role));
    if (missing.length === 0) run.push(group);
    else waiting.push({ group, missing });
  }
  return { run, waiting };
}

/**
 * `open` must give a new, empty store on every call; the suite closes each one. Only the chosen roles' methods are
 * called, so a store under construction may leave the others unimplemented; a group that needs one of those is
 * listed as a todo.
 */
export function describeStoreContract(name: string, open: OpenStore, options: StoreContractOptions = {}): void {
  const { run, waiting } = selectCaseGroups(options.roles ?? STORE_ROLES);
  describe(`${name}: store contract`, () => {
    for (const group of run) describe(`${group.role}: ${group.title}`, () => group.describe(open));
    for (const { group, missing } of waiting) {
      it.todo(`${group.role}: ${group.title} (once the store implements ${missing.join(', ')})`);
    }
  });
}
