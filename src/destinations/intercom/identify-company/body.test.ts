// companyBody on its own: company fields only (R8), whole units, unix seconds (R6), scalar custom attributes (R7).
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../errors.js';
import { companyBody } from './body.js';

describe('companyBody (R8)', () => {
  it('carries the company fields and never who to attach it to', () => {
    const { body, warnings } = companyBody({
      company_id: 'acme',
      name: 'Acme',
      remote_created_at: '2023-11-14T22:13:20Z',
      monthly_spend: 99.9,
      plan: 'pro',
      size: 42,
      website: 'https://acme.example',
      industry: 'Anvils',
      custom_attributes: { tier: 'gold' },
      contact_id: '65a0c0ffee',
      external_id: 'u-1',
      email: 'ann@example.com',
    });
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      company_id: 'acme',
      name: 'Acme',
      remote_created_at: 1_700_000_000,
      monthly_spend: 99,
      plan: 'pro',
      size: 42,
      website: 'https://acme.example',
      industry: 'Anvils',
      custom_attributes: { tier: 'gold' },
    });
    for (const key of ['contact_id', 'external_id', 'email']) expect(Object.hasOwn(body, key)).toBe(false);
  });

  it('is just the company_id when nothing else is mapped', () => {
    expect(companyBody({ company_id: 'acme', external_id: 'u-1' })).toEqual({ body: { company_id: 'acme' }, warnings: [] });
  });

  it('truncates monthly_spend and size to whole numbers (Intercom keeps whole units)', () => {
    expect(companyBody({ company_id: 'acme', monthly_spend: 1234.99, size: 10.5 }).body).toEqual({
      company_id: 'acme', monthly_spend: 1234, size: 10,
    });
    expect(companyBody({ company_id: 'acme', monthly_spend: 0 }).body).toEqual({ company_id: 'acme', monthly_spend: 0 });
  });
});

describe('companyBody remote_created_at (R6)', () => {
  it.each([
    ['unix seconds', 1_700_000_000],
    ['unix milliseconds', 1_700_000_000_500],
    ['a numeric string', '1700000000'],
    ['ISO-8601 text', '2023-11-14T22:13:20.250Z'],
  ])('%s become integer unix seconds', (_, value) => {
    expect(companyBody({ company_id: 'acme', remote_created_at: value }).body.remote_created_at).toBe(1_700_000_000);
  });

  it('refuses an unparseable date with a FerryError naming the field', () => {
    expect(() => companyBody({ company_id: 'acme', remote_created_at: 'founded long ago' })).toThrow(FerryError);
    try {
      companyBody({ company_id: 'acme', remote_created_at: 'founded long ago' });
    } catch (error) {
      expect((error as FerryError).details.field).toBe('remote_created_at');
      expect((error as FerryError).message).toContain("identifyCompany: field 'remote_created_at'");
    }
  });
});

describe('companyBody custom attributes (R7)', () => {
  it('leaves out nested values with a warning naming them', () => {
    const { body, warnings } = companyBody({
      company_id: 'acme', custom_attributes: { tier: 'gold', owners: ['a'], hq: { city: 'Oslo' }, seats: 3, active: true },
    });
    expect(body.custom_attributes).toEqual({ tier: 'gold', seats: 3, active: true });
    expect(warnings).toEqual([expect.stringMatching(/custom attributes left out .*: owners, hq$/)]);
  });

  it('does not change its input', () => {
    const payload = { company_id: 'acme', monthly_spend: 9.5, custom_attributes: { hq: { city: 'Oslo' } } };
    const copy = structuredClone(payload);
    companyBody(payload);
    expect(payload).toEqual(copy);
  });
});
