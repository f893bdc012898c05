// R24 against the simulator: a missing custom attribute is created once (type from the value) and its value resent.
import { describe, expect, it } from 'vitest';
import { useIntercom } from './test-support/harness.js';
import { identifyCompany } from './identify-company/index.js';
import { identifyContact } from './identify-contact/index.js';
import type { IntercomContext } from './context.js';
import { AttributeMemory, createMissingAttribute, inferDataType } from './missing-attributes.js';

const h = useIntercom();
const state = () => h.sim.state() as Promise<any>;
const created = async () => (await state()).data_attributes.map((a: any) => [a.model, a.name, a.data_type]);

describe('inferDataType (R24)', () => {
  it.each([
    ['plan', 'pro', 'string'],
    ['seats', 12, 'integer'],
    ['spend', 12.5, 'float'],
    ['trial', false, 'boolean'],
    ['renewed_at', '2030-01-02T03:04:05Z', 'date'],
    ['renewed_at', '2030-01-02', 'date'],
    ['renewed_at', 'next tuesday', 'string'],
    ['renewed_on', '2030-01-02T03:04:05Z', 'string'],
    ['renewed_at', 1_900_000_000, 'integer'],
  ] as const)('%s = %j is a %s', (name, value, type) => {
    expect(inferDataType(name, value)).toBe(type);
  });

  it('names no type for null', () => {
    expect(inferDataType('plan', null)).toBeUndefined();
  });
});

describe('R24: creating missing custom attributes', () => {
  it('creates a contact attribute once, resends the value, and the next identify makes no create', async () => {
    h.attributeMemory = new AttributeMemory();
    const first = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { seats: 3, trial: true } });
    expect(first).toEqual({ status: 'ok', warnings: [] });
    const body = { role: 'user', external_id: 'u-1' };
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { ...body, custom_attributes: { seats: 3, trial: true } }, status: 400 },
      { call: 'POST /data_attributes', body: { name: 'seats', model: 'contact', data_type: 'integer' }, status: 200 },
      { call: 'POST /contacts', body: { ...body, custom_attributes: { seats: 3, trial: true } }, status: 400 },
      { call: 'POST /data_attributes', body: { name: 'trial', model: 'contact', data_type: 'boolean' }, status: 200 },
      { call: 'POST /contacts', body: { ...body, custom_attributes: { seats: 3, trial: true } }, status: 200 },
    ]);
    expect(await created()).toEqual([['contact', 'seats', 'integer'], ['contact', 'trial', 'boolean']]);
    const [contact] = (await state()).contacts;
    expect(contact.custom_attributes).toEqual({ seats: 3, trial: true });

    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { seats: 4 } })).toEqual(
      { status: 'ok', warnings: [] },
    );
    expect((await h.requests()).map((r) => r.call)).toEqual([`PUT /contacts/${contact.id}`]);
  });

  it('turns a name Intercom refuses into a warning naming it, delivers the rest, and does not ask again', async () => {
    h.attributeMemory = new AttributeMemory();
    const payload = { role: 'user', external_id: 'u-1', name: 'Ann', custom_attributes: { 'bad.name': 'x' } };
    const run = await h.run(identifyContact, payload);
    const warning = "custom attribute 'bad.name' could not be created in Intercom (Your name for this attribute must " +
      'only contain alphanumeric characters, currency symbols, and hyphens), so it was left out';
    expect(run).toEqual({ status: 'ok', warnings: [warning] });
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([
      ['POST /contacts', 400], ['POST /data_attributes', 400], ['POST /contacts', 200],
    ]);
    expect((await state()).contacts[0]).toMatchObject({ name: 'Ann', custom_attributes: {} });

    await h.clearRequests();
    expect(await h.run(identifyContact, payload)).toEqual({ status: 'ok', warnings: [warning] });
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([
      [expect.stringMatching(/^PUT \/contacts\//), 400], [expect.stringMatching(/^PUT \/contacts\//), 200],
    ]);
  });

  it('warns when the workspace has no room for another attribute', async () => {
    h.attributeMemory = new AttributeMemory();
    await h.sim.control('POST', '/data-attributes', {
      attributes: Array.from({ length: 250 }, (_, i) => ({ name: `a${i}`, model: 'company', data_type: 'string' })),
    });
    await h.clearRequests();
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro' } });
    expect(run).toEqual({
      status: 'ok',
      warnings: ["custom attribute 'plan' could not be created in Intercom (A workspace can have at most 250 custom attributes), so it was left out"],
    });
  });

  it('does not create from a null value, which names no type', async () => {
    h.attributeMemory = new AttributeMemory();
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { plan: null } });
    expect(run.warnings).toEqual([expect.stringContaining("custom attribute 'plan' does not exist in Intercom and a null value")]);
    expect((await h.requests()).map((r) => r.call)).toEqual(['POST /contacts', 'POST /contacts']);
  });

  it('warns when the name is taken by the other model', async () => {
    h.attributeMemory = new AttributeMemory();
    await h.sim.control('POST', '/data-attributes', { name: 'plan', model: 'contact', data_type: 'string' });
    const run = await h.run(identifyCompany, { company_id: 'c-1', name: 'Acme', custom_attributes: { plan: 'gold' } });
    expect(run.warnings).toEqual([
      "custom attribute 'plan' could not be created in Intercom (You already have 'plan' in your people data. " +
        'To save this as new company data, use a different name.), so it was left out',
      'contact not found, not attached',
    ]);
  });

  it('takes an attribute another writer created meanwhile (Intercom: already in this model) as created', async () => {
    await h.sim.control('POST', '/data-attributes', { name: 'plan', model: 'contact', data_type: 'string' });
    const memory = new AttributeMemory();
    const ctx = { intercom: { request: h.client.request.bind(h.client) } } as unknown as IntercomContext;
    expect(await createMissingAttribute(ctx, memory, 'contact', 'plan', 'pro')).toBe(true);
    expect(memory.refusal('contact', 'plan')).toBeUndefined();
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([['POST /data_attributes', 400]]);
  });

  it('creates an attribute again when Intercom lost the one ferry created (archived there)', async () => {
    h.attributeMemory = new AttributeMemory();
    await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro' } });
    const [attribute] = (await state()).data_attributes;
    expect((await h.sim.api('PUT', `/data_attributes/${attribute.id}`, { archived: true })).status).toBe(200);
    expect((await state()).data_attributes).toEqual([expect.objectContaining({ name: 'plan', archived: true })]);
    await h.clearRequests();
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'team' } });
    expect(run).toEqual({ status: 'ok', warnings: [] });
    expect((await h.requests()).map((r) => [r.call.replace(/\/contacts\/\w+/, '/contacts/{id}'), r.status])).toEqual([
      ['PUT /contacts/{id}', 400], ['POST /data_attributes', 200], ['PUT /contacts/{id}', 200],
    ]);
  });

  it('holds at most its capacity of refusals, forgetting the oldest first', () => {
    const memory = new AttributeMemory(2);
    memory.refused('contact', 'a', 'no');
    memory.refused('contact', 'b', 'no');
    memory.refused('company', 'c', 'no');
    expect(memory.size).toBe(2);
    expect([memory.refusal('contact', 'a'), memory.refusal('contact', 'b'), memory.refusal('company', 'c')]).toEqual([undefined, 'no', 'no']);
  });

  it('creates a company attribute with model company, and a date for an ISO time under a name ending _at', async () => {
    h.attributeMemory = new AttributeMemory();
    const run = await h.run(identifyCompany, {
      company_id: 'c-1', name: 'Acme', custom_attributes: { renewed_at: '2030-01-02T03:04:05Z' },
    });
    expect(run.warnings).toEqual(['contact not found, not attached']);
    expect((await h.requests()).filter((r) => r.call === 'POST /data_attributes')).toEqual([
      { call: 'POST /data_attributes', body: { name: 'renewed_at', model: 'company', data_type: 'date' }, status: 200 },
    ]);
    expect((await state()).companies[0].custom_attributes).toEqual({ renewed_at: '2030-01-02T03:04:05Z' });
  });

  it('without the setting, R7 applies: no create, a warning', async () => {
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro' } });
    expect(run.warnings).toEqual([expect.stringContaining("custom attribute 'plan' does not exist in Intercom")]);
    expect((await h.requests()).map((r) => r.call)).toEqual(['POST /contacts', 'POST /contacts']);
  });
});
