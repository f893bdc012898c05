// The standard workload: a seeded stream of identify/group/track/page calls and its floor of Intercom requests (pure).
import { createCompanies, createPeople, PLANS, shuffled, type Company, type Person } from './population.js';
import { createRandom, type Random } from './random.js';
import { trackProperties } from './properties.js';

export type WorkloadEvent = Record<string, unknown> & { type: 'identify' | 'group' | 'track' | 'page'; messageId: string };

export interface WorkloadOptions {
  events: number;
  seed: number;
  /** Population sizes (tests use smaller ones); default 10,000 people and 1,000 companies. */
  people?: number;
  companies?: number;
}

/** The mix the issue asks for: 15% identify, 5% group, 75% track, 5% page. */
export const MIX = { identify: 0.15, group: 0.05, track: 0.75, page: 0.05 } as const;

export interface WorkloadSummary {
  events: number;
  seed: number;
  byType: Record<WorkloadEvent['type'], number>;
  identify: { first: number; repeatedUnchanged: number; leadConversions: number; changedTraits: number };
  track: { withRevenue: number; moreThan10Properties: number; nested: number };
  people: { population: number; appeared: number; leads: number; leadsConverted: number };
  companies: { population: number; used: number };
  /** The fewest Intercom requests that deliver the workload without dropping data. */
  floor: Floor;
}

export interface Floor {
  /** One write per identify. */
  identifyContact: number;
  /** One company upsert per group, plus the first attach of each (person, company). */
  identifyCompany: number;
  /** One POST /events per track. */
  trackEvent: number;
  total: number;
  /** Actions the default mappings make of the workload (identify + group + track). */
  actions: number;
}

interface PersonState {
  person: Person;
  introducedAt: number;
  converted: boolean;
  traits: Record<string, unknown>;
}

const BASE_MS = Date.UTC(2025, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const CONTEXT = { library: { name: 'analytics-node', version: '3.1.0' }, ip: '203.0.113.7' };

export class WorkloadGenerator {
  private readonly random: Random;
  private readonly people: Person[];
  private readonly companies: Company[];
  /** People in the order they first appear. */
  private readonly arrivals: number[];
  private readonly active: PersonState[] = [];
  private readonly waitingLeads: PersonState[] = [];
  private readonly attached = new Set<string>();
  private readonly usedCompanies = new Set<number>();
  private readonly convertAfter: number;
  private i = 0;
  private readonly summary: WorkloadSummary;

  constructor(private readonly options: WorkloadOptions) {
    this.random = createRandom(options.seed);
    this.companies = createCompanies(this.random, options.companies);
    this.people = createPeople(this.random, options.people, this.companies.length);
    this.arrivals = shuffled(this.people.length, this.random);
    // Far enough apart that a lead's first identify is delivered long before the identify that converts it.
    this.convertAfter = Math.max(20, Math.min(1_000, Math.floor(options.events / 20)));
    this.summary = {
      events: 0,
      seed: options.seed,
      byType: { identify: 0, group: 0, track: 0, page: 0 },
      identify: { first: 0, repeatedUnchanged: 0, leadConversions: 0, changedTraits: 0 },
      track: { withRevenue: 0, moreThan10Properties: 0, nested: 0 },
      people: { population: this.people.length, appeared: 0, leads: 0, leadsConverted: 0 },
      companies: { population: this.companies.length, used: 0 },
      floor: { identifyContact: 0, identifyCompany: 0, trackEvent: 0, total: 0, actions: 0 },
    };
  }

  /** The next event, or undefined after `options.events`. */
  next(): WorkloadEvent | undefined {
    if (this.i >= this.options.events) return undefined;
    const roll = this.random.next();
    let event: WorkloadEvent;
    if (roll < MIX.identify || this.active.length === 0) event = this.identify();
    else if (roll < MIX.identify + MIX.group) event = this.group();
    else if (roll < MIX.identify + MIX.group + MIX.track) event = this.track();
    else event = this.page();
    this.summary.byType[event.type] += 1;
    this.summary.events += 1;
    this.i += 1;
    return event;
  }

  /** The figures of the events generated so far (final once next() returned undefined). */
  result(): WorkloadSummary {
    const floor = this.summary.floor;
    floor.total = floor.identifyContact + floor.identifyCompany + floor.trackEvent;
    floor.actions = this.summary.byType.identify + this.summary.byType.group + this.summary.byType.track;
    this.summary.companies.used = this.usedCompanies.size;
    return structuredClone(this.summary);
  }

  private base(type: WorkloadEvent['type'], state: PersonState): WorkloadEvent {
    const { person } = state;
    const ids = !person.lead ? { userId: person.userId }
      : state.converted ? { userId: person.userId, anonymousId: person.anonymousId }
        : { anonymousId: person.anonymousId };
    return { type, messageId: `bench-${this.options.seed}-${this.i}`, ...ids, timestamp: iso(BASE_MS + this.i * 1_000), context: CONTEXT };
  }

  private someone(): PersonState {
    return this.random.pick(this.active);
  }

  private identify(): WorkloadEvent {
    const s = this.summary.identify;
    this.summary.floor.identifyContact += 1;
    if (this.active.length > 0 && this.random.chance(0.5)) {
      s.repeatedUnchanged += 1;
      const state = this.someone();
      return { ...this.base('identify', state), traits: state.traits };
    }
    const ready = this.waitingLeads[0];
    if (ready && ready.introducedAt + this.convertAfter <= this.i) {
      this.waitingLeads.shift();
      ready.converted = true;
      s.leadConversions += 1;
      this.summary.people.leadsConverted += 1;
      // The lead signs up: the same anonymousId, now with a userId and the traits of a user.
      ready.traits = { ...ready.traits, name: ready.person.name, plan: this.random.pick(PLANS), createdAt: iso(BASE_MS + this.i * 1_000) };
      return { ...this.base('identify', ready), traits: ready.traits };
    }
    const remaining = this.people.length - this.summary.people.appeared;
    const expectedSlots = Math.max(1, (this.options.events - this.i) * MIX.identify * 0.5);
    if (remaining > 0 && (this.active.length === 0 || this.random.chance(Math.min(1, remaining / expectedSlots)))) {
      return this.introduce();
    }
    s.changedTraits += 1;
    const state = this.someone();
    state.traits = { ...state.traits, name: `${state.person.name} ${this.random.int(100)}`, logins: this.random.int(500) };
    return { ...this.base('identify', state), traits: state.traits };
  }

  private introduce(): WorkloadEvent {
    const person = this.people[this.arrivals[this.summary.people.appeared]!]!;
    this.summary.people.appeared += 1;
    this.summary.identify.first += 1;
    // A lead is known by its email only once it signs up; until then it carries what a visitor form gives.
    const traits: Record<string, unknown> = person.lead
      ? { email: person.email, source: 'newsletter-form' }
      : { email: person.email, name: person.name, plan: this.random.pick(PLANS), createdAt: iso(BASE_MS - this.random.int(900) * 86_400_000) };
    if (!person.lead && this.random.chance(0.3)) traits.phone = `+1-555-${String(1000 + this.random.int(9000))}`;
    const state: PersonState = { person, introducedAt: this.i, converted: false, traits };
    this.active.push(state);
    if (person.lead) {
      this.summary.people.leads += 1;
      this.waitingLeads.push(state);
    }
    return { ...this.base('identify', state), traits };
  }

  private group(): WorkloadEvent {
    const state = this.someone();
    const company = this.companies[this.random.pick(state.person.companies)]!;
    this.usedCompanies.add(company.index);
    const pair = `${state.person.index}:${company.index}`;
    this.summary.floor.identifyCompany += this.attached.has(pair) ? 1 : 2;
    this.attached.add(pair);
    return { ...this.base('group', state), groupId: company.groupId, traits: company.traits };
  }

  private track(): WorkloadEvent {
    const state = this.someone();
    this.summary.floor.trackEvent += 1;
    const { event, properties, kind } = trackProperties(this.random, this.i);
    const t = this.summary.track;
    if (kind.revenue) t.withRevenue += 1;
    if (kind.many) t.moreThan10Properties += 1;
    if (kind.nested) t.nested += 1;
    return { ...this.base('track', state), event, properties };
  }

  private page(): WorkloadEvent {
    const state = this.someone();
    const path = this.random.pick(['/', '/pricing', '/docs', '/blog/launch', '/signup']);
    return {
      ...this.base('page', state),
      name: path === '/' ? 'Home' : path.slice(1),
      properties: { path, url: `https://www.example.com${path}`, title: `Example ${path}`, referrer: 'https://search.example.org/' },
    };
  }
}

/** The whole workload in memory (for the bench's default sizes; the 1,000,000-job backlog streams instead). */
export function generateWorkload(options: WorkloadOptions): { events: WorkloadEvent[]; summary: WorkloadSummary } {
  const generator = new WorkloadGenerator(options);
  const events: WorkloadEvent[] = [];
  for (let event = generator.next(); event !== undefined; event = generator.next()) events.push(event);
  return { events, summary: generator.result() };
}
