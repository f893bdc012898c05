// The workload generator: same seed same events, the mix the issue asks for, and the floor of Intercom requests.
import { describe, expect, it } from 'vitest';
import { floorOf } from './floor.js';
import { generateWorkload, type WorkloadEvent } from './generate.js';
import { partitionByPerson, personIndexOf } from './partition.js';
import { COMPANIES, LEAD_SHARE, PEOPLE, createPeople } from './population.js';
import { createRandom } from './random.js';

const EVENTS = 30_000;
const { events, summary } = generateWorkload({ events: EVENTS, seed: 7 });
const share = (n: number) => n / EVENTS;

describe('generateWorkload', () => {
  it('gives the same events for the same seed, other events for another', () => {
    const again = generateWorkload({ events: 2_000, seed: 7 });
    expect(generateWorkload({ events: 2_000, seed: 7 })).toEqual(again);
    expect(generateWorkload({ events: 2_000, seed: 8 }).events).not.toEqual(again.events);
  });

  it('mixes 15% identify, 5% group, 75% track, 5% page', () => {
    const counted = { identify: 0, group: 0, track: 0, page: 0 };
    for (const event of events) counted[event.type] += 1;
    expect(counted).toEqual(summary.byType);
    expect(share(counted.identify)).toBeCloseTo(0.15, 1);
    expect(share(counted.group)).toBeCloseTo(0.05, 1);
    expect(share(counted.track)).toBeCloseTo(0.75, 1);
    expect(share(counted.page)).toBeCloseTo(0.05, 1);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(EVENTS);
  });

  it('draws from 10,000 people, exactly 15% of them leads, and 1,000 companies', () => {
    const people = createPeople(createRandom(7));
    expect(people).toHaveLength(PEOPLE);
    expect(people.filter((p) => p.lead)).toHaveLength(PEOPLE * LEAD_SHARE);
    const persons = new Set(events.map(personIndexOf));
    expect(persons.size).toBe(summary.people.appeared);
    expect(Math.max(...persons)).toBeLessThan(PEOPLE);
    const groups = new Set(events.filter((e) => e.type === 'group').map((e) => e.groupId));
    expect(groups.size).toBe(summary.companies.used);
    expect(groups.size).toBeLessThanOrEqual(COMPANIES);
    expect(summary.people.leads / summary.people.appeared).toBeCloseTo(LEAD_SHARE, 1);
  });

  it('makes every call valid in order: a person starts with an identify; a lead signs up with the same anonymousId', () => {
    const seen = new Map<number, WorkloadEvent[]>();
    for (const event of events) {
      const person = personIndexOf(event);
      const own = seen.get(person) ?? [];
      if (own.length === 0) expect(event.type).toBe('identify');
      own.push(event);
      seen.set(person, own);
    }
    let conversions = 0;
    for (const own of seen.values()) {
      if (own[0]!.userId !== undefined) {
        // A user from the start never goes anonymous.
        expect(own.every((e) => e.userId === own[0]!.userId && e.anonymousId === undefined)).toBe(true);
        continue;
      }
      const signUp = own.findIndex((e) => e.userId !== undefined);
      if (signUp < 0) continue;
      conversions += 1;
      expect(own[signUp]!.type).toBe('identify');
      expect(own[signUp]!.anonymousId).toBe(own[0]!.anonymousId);
      expect(own.slice(signUp).every((e) => e.userId !== undefined && e.anonymousId === own[0]!.anonymousId)).toBe(true);
    }
    expect(conversions).toBe(summary.people.leadsConverted);
    expect(conversions).toBeGreaterThan(0.9 * summary.people.leads);
  });

  it('repeats unchanged traits in about half of the identifies', () => {
    const last = new Map<number, string>();
    let unchanged = 0;
    for (const event of events.filter((e) => e.type === 'identify')) {
      const traits = JSON.stringify(event.traits);
      if (last.get(personIndexOf(event)) === traits) unchanged += 1;
      last.set(personIndexOf(event), traits);
    }
    expect(unchanged).toBe(summary.identify.repeatedUnchanged);
    expect(unchanged / summary.byType.identify).toBeCloseTo(0.5, 1);
  });

  it('gives a third of the tracks revenue, and some more than 10 properties or nested objects', () => {
    const tracks = events.filter((e) => e.type === 'track');
    const props = (e: WorkloadEvent) => e.properties as Record<string, unknown>;
    const revenue = tracks.filter((e) => typeof props(e).revenue === 'number').length;
    const many = tracks.filter((e) => Object.keys(props(e)).length > 10).length;
    const nested = tracks.filter((e) => Object.values(props(e)).some((v) => typeof v === 'object' && v !== null)).length;
    expect(revenue / tracks.length).toBeCloseTo(1 / 3, 1);
    expect(many / tracks.length).toBeGreaterThan(0.05);
    expect(nested / tracks.length).toBeGreaterThan(0.05);
    expect(nested).toBe(summary.track.nested);
  });

  it('counts the floor: a write per identify and track, per group an upsert plus the first attach of the pair', () => {
    const pairs = new Set(events.filter((e) => e.type === 'group').map((e) => `${personIndexOf(e)}:${String(e.groupId)}`));
    const expected = {
      identifyContact: summary.byType.identify,
      identifyCompany: summary.byType.group + pairs.size,
      trackEvent: summary.byType.track,
    };
    expect(summary.floor).toMatchObject({ ...expected, total: expected.identifyContact + expected.identifyCompany + expected.trackEvent });
    expect(summary.floor.actions).toBe(summary.byType.identify + summary.byType.group + summary.byType.track);
    expect(floorOf(events)).toEqual({ ...expected, total: summary.floor.total });
  });
});

describe('floorOf', () => {
  it('links a lead to the user it becomes, so a company attach is counted once per person', () => {
    const floor = floorOf([
      { type: 'identify', anonymousId: 'a1' },
      { type: 'group', anonymousId: 'a1', groupId: 'c1' },
      { type: 'identify', userId: 'u1', anonymousId: 'a1' },
      { type: 'group', userId: 'u1', groupId: 'c1' },
      { type: 'group', userId: 'u2', groupId: 'c1' },
      { type: 'track', userId: 'u1' },
      { type: 'page', userId: 'u1' },
    ]);
    expect(floor).toEqual({ identifyContact: 2, identifyCompany: 5, trackEvent: 1, total: 8 });
  });
});

describe('partitionByPerson', () => {
  it('keeps each person with one client, in order, and loses nothing', () => {
    const parts = partitionByPerson(events, 8);
    expect(parts.flat()).toHaveLength(EVENTS);
    const positions = new Map(events.map((event, i) => [event, i]));
    const owner = new Map<number, number>();
    const last = new Map<number, number>();
    parts.forEach((part, client) => {
      for (const event of part) {
        const person = personIndexOf(event);
        expect(owner.get(person) ?? client).toBe(client);
        owner.set(person, client);
        expect(positions.get(event)!).toBeGreaterThan(last.get(person) ?? -1);
        last.set(person, positions.get(event)!);
      }
    });
  });
});
