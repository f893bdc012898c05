// Coalescing changes how many requests a backlog costs, never what Intercom ends up holding: random streams of
// identify/group/track for a few people, delivered one by one and as a coalesced backlog, leave the same state.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { startTestFerry } from '../commands/test-support/ferry.js';
import { BACKLOG_MAPPINGS, comparableState, deliverAsBacklog } from './test-support/backlog.js';

const sim = useSimulator();
let oneByOne: Awaited<ReturnType<typeof startTestFerry>>;
let coalescing: Awaited<ReturnType<typeof startTestFerry>>;

beforeAll(async () => {
  oneByOne = await startTestFerry(sim.url, { extraConfig: `      coalesce: false\n${BACKLOG_MAPPINGS}` });
  coalescing = await startTestFerry(sim.url, { extraConfig: BACKLOG_MAPPINGS });
});
afterAll(async () => {
  await oneByOne?.stop();
  await coalescing?.stop();
});

type Step =
  | { kind: 'identify'; person: number; signedUp: boolean; email?: number; name?: string; plan?: string; score?: number | null; nickname?: string }
  | { kind: 'group'; person: number; company: number; name?: string; plan?: string; employees?: number }
  | { kind: 'track'; person: number; event: string };

const person = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({
    kind: fc.constant('identify' as const), person, signedUp: fc.boolean(),
    email: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
    name: fc.option(fc.constantFrom('Ada', 'Grace', 'Edsger'), { nil: undefined }),
    plan: fc.option(fc.constantFrom('free', 'pro'), { nil: undefined }),
    score: fc.option(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { nil: undefined }),
    nickname: fc.option(fc.constant('nick'), { nil: undefined }),
  }, { requiredKeys: ['kind', 'person', 'signedUp'] }) },
  { weight: 2, arbitrary: fc.record({
    kind: fc.constant('group' as const), person, company: fc.integer({ min: 0, max: 2 }),
    name: fc.option(fc.constantFrom('Acme', 'Initech'), { nil: undefined }),
    plan: fc.option(fc.constantFrom('basic', 'premium'), { nil: undefined }),
    employees: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }, { requiredKeys: ['kind', 'person', 'company'] }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('track' as const), person, event: fc.constantFrom('Signed In', 'Paid') }) },
);

/**
 * Segment calls for one run; ids carry the run's number so no run sees another's contacts in ferry's cache. As in
 * the bench's workload, a person's first call is an identify, and once signed up (an identify with a userId) every
 * later call carries the userId: a call for a contact that does not exist would only wait out its retries.
 */
function eventsOf(run: number, steps: readonly Step[]): object[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const signedUp = new Set<number>();
  const seen = new Set<number>();
  const events: object[] = [];
  for (const s of steps) {
    const timestamp = new Date(start + events.length * 1000).toISOString();
    if (!seen.has(s.person) && s.kind !== 'identify') {
      events.push({ type: 'identify', anonymousId: `r${run}-a${s.person}`, timestamp, traits: {} });
    }
    seen.add(s.person);
    if (s.kind === 'identify' && s.signedUp) signedUp.add(s.person);
    const ids = { anonymousId: `r${run}-a${s.person}`, ...(signedUp.has(s.person) ? { userId: `r${run}-u${s.person}` } : {}) };
    if (s.kind === 'track') events.push({ type: 'track', ...ids, timestamp, event: s.event, properties: { step: events.length } });
    else if (s.kind === 'group') {
      // A person's own companies change; the shared one is described the same by all (what ferry sends for one
      // company from several people at once depends on timing, whichever the mode).
      const shared = s.company === 2;
      const traits = shared ? { name: 'Shared', plan: 'basic' } : { name: s.name, plan: s.plan, employees: s.employees };
      const groupId = shared ? `r${run}-shared` : `r${run}-p${s.person}-c${s.company}`;
      events.push({ type: 'group', ...ids, timestamp, groupId, traits });
    } else {
      const email = s.email === undefined ? undefined : `r${run}-p${s.person}-${s.email}@example.com`;
      events.push({ type: 'identify', ...ids, timestamp, traits: { email, name: s.name, plan: s.plan, score: s.score, nickname: s.nickname } });
    }
  }
  return events;
}

async function deliverAndRead(ferry: typeof oneByOne, events: readonly object[]) {
  await sim.control('POST', '/reset');
  for (const [name, type] of [['plan', 'string'], ['score', 'integer']]) {
    const created = await sim.api('POST', '/data_attributes', { name, model: 'contact', data_type: type });
    if (created.status !== 200) throw new Error(`data attribute ${name}: ${created.status}`);
  }
  await deliverAsBacklog(ferry, events);
  return { state: comparableState(await sim.state()), requests: (await sim.requests()).length };
}

describe('coalescing a backlog', () => {
  it('leaves Intercom exactly as one-by-one delivery does, with fewer requests', async () => {
    let run = 0;
    const requests = { oneByOne: 0, coalescing: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        run += 1;
        const events = eventsOf(run, steps);
        const expected = await deliverAndRead(oneByOne, events);
        const actual = await deliverAndRead(coalescing, events);
        requests.oneByOne += expected.requests;
        requests.coalescing += actual.requests;
        expect(actual.state).toEqual(expected.state);
      }),
      { numRuns: 50, seed: 20261204, endOnFailure: true },
    );
    // The same deliveries failed both ways (rejections are the data's, not the mode's).
    const counts = async (f: typeof oneByOne) => {
      const c = await f.store.jobStateCounts();
      return { finished: (c.delivered ?? 0) + (c['delivered-with-warnings'] ?? 0), rejected: c.rejected ?? 0 };
    };
    expect(await counts(coalescing)).toEqual(await counts(oneByOne));
    expect(requests.coalescing).toBeLessThan(requests.oneByOne);
  }, 120_000);
});
