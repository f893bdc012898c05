// Splits the workload between concurrent clients so that each person's events stay with one client, in order.

/** The population index in a workload id (`user-42`, `anon-42` -> 42); a lead and the user it becomes share it. */
export function personIndexOf(event: Record<string, unknown>): number {
  const id = typeof event.anonymousId === 'string' ? event.anonymousId : String(event.userId);
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

/**
 * Concurrent clients reorder what they send relative to each other, as separate devices do; a person's calls come
 * from one client, so a lead's identify still precedes its tracks when ferry stores them.
 */
export function partitionByPerson<T extends Record<string, unknown>>(events: readonly T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  for (const event of events) out[personIndexOf(event) % parts]!.push(event);
  return out;
}
