// The floor of Intercom requests of any event list, computed from the events alone (a check on the generator's count).

export interface FloorEvent {
  type: string;
  userId?: unknown;
  anonymousId?: unknown;
  groupId?: unknown;
}

/**
 * One write per identify and per track; per group a company upsert, plus an attach the first time a person joins a
 * company. A person is known by userId or anonymousId; an event carrying both links them (a lead that signed up).
 */
export function floorOf(events: Iterable<FloorEvent>): { identifyContact: number; identifyCompany: number; trackEvent: number; total: number } {
  const personOf = new Map<string, string>();
  const attached = new Set<string>();
  const floor = { identifyContact: 0, identifyCompany: 0, trackEvent: 0, total: 0 };
  for (const event of events) {
    const user = typeof event.userId === 'string' ? `u:${event.userId}` : undefined;
    const anon = typeof event.anonymousId === 'string' ? `a:${event.anonymousId}` : undefined;
    const known = (user && personOf.get(user)) ?? (anon && personOf.get(anon)) ?? user ?? anon ?? '';
    if (user) personOf.set(user, known);
    if (anon) personOf.set(anon, known);
    if (event.type === 'identify') floor.identifyContact += 1;
    else if (event.type === 'track') floor.trackEvent += 1;
    else if (event.type === 'group') {
      const pair = `${known}|${String(event.groupId)}`;
      floor.identifyCompany += attached.has(pair) ? 1 : 2;
      attached.add(pair);
    }
  }
  floor.total = floor.identifyContact + floor.identifyCompany + floor.trackEvent;
  return floor;
}
