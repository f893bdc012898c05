// The memory of company upserts sent: same body recognized, forgotten on request, bounded.
import { describe, expect, it } from 'vitest';
import { SentCompanies } from './sent-companies.js';

describe('SentCompanies', () => {
  it('knows the last body sent per company until it is forgotten', () => {
    const sent = new SentCompanies();
    sent.remember('c1', { company_id: 'c1', name: 'Acme' });
    expect(sent.same('c1', { company_id: 'c1', name: 'Acme' })).toBe(true);
    expect(sent.same('c1', { company_id: 'c1', name: 'Acme Inc' })).toBe(false);
    expect(sent.same('c2', { company_id: 'c1', name: 'Acme' })).toBe(false);
    sent.forget('c1');
    expect(sent.same('c1', { company_id: 'c1', name: 'Acme' })).toBe(false);
  });

  it('forgets the company remembered longest ago when full', () => {
    const sent = new SentCompanies(2);
    sent.remember('c1', 1);
    sent.remember('c2', 2);
    sent.remember('c1', 1);
    sent.remember('c3', 3);
    expect([sent.same('c1', 1), sent.same('c2', 2), sent.same('c3', 3), sent.size]).toEqual([true, false, true, 2]);
  });
});
