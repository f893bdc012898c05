// The size cap on an attempt's recorded Intercom exchanges.
import { describe, expect, it } from 'vitest';
import type { HttpExchange } from './types.js';
import { capRequests, MAX_REQUESTS_BYTES, TRUNCATED_MARKER } from './cap-requests.js';

const exchange = (extra: Partial<HttpExchange> = {}): HttpExchange => ({
  method: 'POST',
  url: 'https://api.intercom.io/contacts',
  body: { external_id: 'u1' },
  status: 200,
  response: { type: 'contact', id: 'c1' },
  durationMs: 4,
  ...extra,
});
const size = (text: string) => Buffer.byteLength(text, 'utf8');

describe('capRequests', () => {
  it('keeps small exchanges exactly', () => {
    const requests = [exchange(), exchange({ method: 'GET', body: undefined, status: 404 })];
    expect(JSON.parse(capRequests(requests))).toEqual(JSON.parse(JSON.stringify(requests)));
  });

  it('cuts a large response body first, keeping its start, the request and a marker', () => {
    const response = { data: 'é'.repeat(30_000) };
    const text = capRequests([exchange({ response })]);
    expect(size(text)).toBeLessThanOrEqual(MAX_REQUESTS_BYTES);
    const [stored] = JSON.parse(text);
    expect(stored.body).toEqual({ external_id: 'u1' });
    expect(stored.response.startsWith('{"data":"ééé')).toBe(true);
    expect(stored.response).toContain(`${TRUNCATED_MARKER}${JSON.stringify(response).length} characters]`);
  });

  it('cuts request bodies too when responses alone are not enough', () => {
    const requests = Array.from({ length: 40 }, () => exchange({ body: { note: 'x'.repeat(2_000) } }));
    const text = capRequests(requests);
    expect(size(text)).toBeLessThanOrEqual(MAX_REQUESTS_BYTES);
    const stored = JSON.parse(text);
    expect(stored).toHaveLength(40);
    expect(stored[0].body).toContain(TRUNCATED_MARKER);
  });

  it('leaves out whole exchanges as a last resort and says how many', () => {
    const long = 'p'.repeat(100);
    const requests = Array.from({ length: 300 }, (_, i) => exchange({ url: `https://api.intercom.io/${long}/${i}` }));
    const text = capRequests(requests);
    expect(size(text)).toBeLessThanOrEqual(MAX_REQUESTS_BYTES);
    const stored = JSON.parse(text);
    const last = stored[stored.length - 1];
    expect(last.url).toMatch(new RegExp(`^\\[${300 - stored.length + 1} more requests left out`));
    expect(stored[0].url).toBe(requests[0]!.url);
  });

  it('honours a smaller cap', () => {
    expect(size(capRequests([exchange({ response: 'y'.repeat(5_000) })], 1_024))).toBeLessThanOrEqual(1_024);
  });
});
