// A custom attribute's life over HTTP: the workspace limit, PUT /data_attributes/{id} (archive, describe), writes after.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const sim = useSimulator();

async function create(name: string, model = 'contact') {
  const res = await sim.api('POST', '/data_attributes', { name, model, data_type: 'string' });
  expect(res.status).toBe(200);
  return res.body;
}

describe('POST /data_attributes: the workspace limit', () => {
  it('refuses a custom attribute past the workspace limit of 250, counting both models', async () => {
    await sim.control('POST', '/data-attributes', {
      attributes: Array.from({ length: 250 }, (_, i) => ({ name: `a${i}`, model: i % 2 ? 'contact' : 'company', data_type: 'string' })),
    });
    const res = await sim.api('POST', '/data_attributes', { name: 'one_more', model: 'contact', data_type: 'string' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('parameter_invalid', 'A workspace can have at most 250 custom attributes'));
    expect((await sim.state()).data_attributes).toHaveLength(250);
  });
});

describe('PUT /data_attributes/{id}', () => {
  it('archives an attribute: hidden from the list, refused on writes, and its name free to create again', async () => {
    const plan = await create('plan');
    const res = await sim.api('PUT', `/data_attributes/${plan.id}`, { archived: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...plan, archived: true, updated_at: expect.any(Number) });
    const listed = await sim.api('GET', '/data_attributes?model=contact');
    expect(listed.body.data.filter((a: any) => a.custom)).toEqual([]);
    const archived = await sim.api('GET', '/data_attributes?model=contact&include_archived=true');
    expect(archived.body.data.filter((a: any) => a.custom)).toEqual([res.body]);

    const write = await sim.api('POST', '/contacts', { email: 'ann@example.com', custom_attributes: { plan: 'pro' } });
    expect(write.status).toBe(400);
    expect(write.body).toEqual(expectedError('parameter_invalid', "Custom attribute 'plan' does not exist"));
    expect((await create('plan')).id).not.toBe(plan.id);
  });

  it('unarchives, and changes description, options and messenger_writable', async () => {
    const tier = await create('tier', 'company');
    await sim.api('PUT', `/data_attributes/${tier.id}`, { archived: true });
    const res = await sim.api('PUT', `/data_attributes/${tier.id}`, {
      archived: false, description: 'Plan tier', options: [{ value: 'gold' }], messenger_writable: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ archived: false, description: 'Plan tier', options: ['gold'], messenger_writable: true });
    const company = await sim.api('POST', '/companies', { company_id: 'c-1', custom_attributes: { tier: 'gold' } });
    expect(company.status).toBe(200);
  });

  it('answers 404 for an attribute it does not have', async () => {
    for (const id of ['999', 'abc']) {
      const res = await sim.api('PUT', `/data_attributes/${id}`, { archived: true });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expectedError('field_not_found', "We couldn't find that data attribute to update"));
    }
  });

  it('refuses a value of the wrong type, naming the field', async () => {
    const plan = await create('plan');
    const res = await sim.api('PUT', `/data_attributes/${plan.id}`, { archived: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ code: 'parameter_invalid', message: 'archived must be a boolean', field: 'archived' }] });
  });
});
