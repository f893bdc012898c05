// The contract's role selection: a store brought up role by role runs exactly the groups its roles allow.
import { describe, expect, it } from 'vitest';
import { CASE_GROUPS, selectCaseGroups, STORE_ROLES } from './store-contract.js';

const titles = (groups: { role: string; title: string }[]) => groups.map((g) => `${g.role}: ${g.title}`);

describe('selectCaseGroups', () => {
  it('runs every group when the store implements every role', () => {
    const { run, waiting } = selectCaseGroups(STORE_ROLES);
    expect(run).toEqual(CASE_GROUPS);
    expect(waiting).toEqual([]);
  });

  it('covers every role, and each group uses only other roles', () => {
    expect(new Set(CASE_GROUPS.map((g) => g.role))).toEqual(new Set(STORE_ROLES));
    for (const group of CASE_GROUPS) expect(group.uses).not.toContain(group.role);
  });

  it('runs config and control first, the deletes waiting for the roles they observe', () => {
    const { run, waiting } = selectCaseGroups(['config', 'control']);
    expect(titles(run)).toEqual(['config: applyConfig and the reads', 'control: upserts, settings, single-use keys']);
    expect(waiting.map((w) => [w.group.title, w.missing])).toEqual([['deletes', ['events', 'jobQueue', 'identityCache']]]);
  });

  it('lists a role without the roles its cases use as waiting, never as run', () => {
    const { run, waiting } = selectCaseGroups(['events']);
    expect(run).toEqual([]);
    expect(waiting.map((w) => w.missing)).toEqual([['config', 'jobQueue']]);
  });

  it('runs every group once the first five roles are there, whatever comes after', () => {
    for (let n = 5; n <= STORE_ROLES.length; n += 1) expect(selectCaseGroups(STORE_ROLES.slice(0, n)).waiting).toEqual([]);
  });
});
