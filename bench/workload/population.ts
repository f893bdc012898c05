// The workload's population: 10,000 people (15% anonymous leads) and 1,000 companies, drawn from the seed.
import type { Random } from './random.js';

export const PEOPLE = 10_000;
export const COMPANIES = 1_000;
export const LEAD_SHARE = 0.15;

export interface Person {
  index: number;
  /** An anonymous lead first (identifies with anonymousId only), a user later, with the same anonymousId. */
  lead: boolean;
  userId: string;
  anonymousId: string;
  email: string;
  name: string;
  /** Indexes of the companies the person belongs to (1 or 2). */
  companies: number[];
}

export interface Company {
  index: number;
  groupId: string;
  traits: Record<string, unknown>;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'John'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie'];
const INDUSTRIES = ['Software', 'Retail', 'Finance', 'Health', 'Education', 'Logistics', 'Media'];
const PLANS = ['free', 'starter', 'pro', 'enterprise'];

/** Fisher-Yates on 0..n-1. */
export function shuffled(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function createCompanies(random: Random, count = COMPANIES): Company[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    groupId: `company-${index}`,
    traits: {
      name: `Company ${index}`,
      plan: random.pick(PLANS),
      employees: 1 + random.int(5_000),
      industry: random.pick(INDUSTRIES),
      website: `https://company-${index}.example.com`,
      monthly_spend: random.int(20_000),
      createdAt: new Date(Date.UTC(2020, 0, 1) + random.int(1_500) * 86_400_000).toISOString(),
    },
  }));
}

/** Exactly LEAD_SHARE of the people are leads (chosen by the seed); each belongs to one company, a fifth to two. */
export function createPeople(random: Random, count = PEOPLE, companies = COMPANIES): Person[] {
  const leads = new Set(shuffled(count, random).slice(0, Math.round(count * LEAD_SHARE)));
  return Array.from({ length: count }, (_, index) => {
    const first = random.int(companies);
    const second = random.chance(0.2) ? (first + 1 + random.int(companies - 1)) % companies : undefined;
    return {
      index,
      lead: leads.has(index),
      userId: `user-${index}`,
      anonymousId: `anon-${index}`,
      email: `person-${index}@example.com`,
      name: `${random.pick(FIRST)} ${random.pick(LAST)}`,
      companies: second === undefined ? [first] : [first, second],
    };
  });
}

export { PLANS };
