// Sample events to test a mapping with, one per event type, shaped like what Segment's libraries send.
const now = () => new Date().toISOString();

export function sampleEvent(type: string): Record<string, unknown> {
  const common = { userId: 'user-123', anonymousId: 'anon-123', timestamp: now(), context: { ip: '203.0.113.7', locale: 'en-GB' } };
  switch (type) {
    case 'identify':
      return { type, ...common, traits: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', createdAt: '2024-03-01T09:30:00Z' } };
    case 'group':
      return { type, ...common, groupId: 'company-1', traits: { name: 'Analytical Engines Ltd', plan: 'enterprise', employees: 42, website: 'https://example.com' } };
    case 'page':
    case 'screen':
      return { type, ...common, name: 'Pricing', properties: { path: '/pricing', title: 'Pricing' } };
    case 'alias':
      return { type, ...common, previousId: 'anon-123' };
    default:
      return { type: 'track', ...common, event: 'Order Completed', properties: { order_id: 'A-1001', revenue: 19.99, currency: 'EUR', plan: 'pro' } };
  }
}

/** The event type a trigger is most likely about (`type = "group"` -> group), for the first sample. */
export function eventTypeOfTrigger(fql: string): string {
  return /type\s*=\s*"(\w+)"/.exec(fql)?.[1] ?? 'track';
}
