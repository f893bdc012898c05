// R24 through a real `ferry start`: with createMissingAttributes on, a new custom attribute is created once and lands.
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { admin, send, startTestFerry, unfinishedJobs, waitFor } from './test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

/** The destination's settings line (indented under `settings:`), then one identify mapping carrying traits.custom. */
const config = (setting: string) => [
  setting,
  '    mappings:',
  '      - name: Identify Contact',
  '        action: identifyContact',
  '        trigger: type = "identify"',
  '        mapping:',
  '          role: user',
  '          external_id: { "@path": "$.userId" }',
  '          custom_attributes: { "@path": "$.traits.custom" }',
].join('\n');

async function identify(userId: string, custom: Record<string, unknown>) {
  expect((await send(ferry!.url, '/v1/identify', { userId, traits: { custom } })).status).toBe(200);
  await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 20_000, 'deliveries');
}

const attributeCalls = async () => (await sim.requests()).filter((r: any) => r.path === '/data_attributes');

async function warningsOfLatest(): Promise<string[]> {
  const page = await admin(ferry!.url, 'GET', '/api/destinations/intercom/deliveries');
  expect(page.status).toBe(200);
  return page.body.items[0].warnings;
}

describe('R24: createMissingAttributes through ferry start', () => {
  it('creates the attribute (exact body), the contact holds the value, and the second event makes no create', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: config('      createMissingAttributes: true') });
    await identify('u-1', { plan_tier: 'gold' });
    expect((await attributeCalls()).map((r: any) => ({ method: r.method, body: r.body, status: r.status }))).toEqual([
      { method: 'POST', body: { name: 'plan_tier', model: 'contact', data_type: 'string' }, status: 200 },
    ]);
    const state = await sim.state();
    expect(state.data_attributes).toEqual([expect.objectContaining({ name: 'plan_tier', model: 'contact', data_type: 'string' })]);
    expect(state.contacts).toEqual([expect.objectContaining({ external_id: 'u-1', custom_attributes: { plan_tier: 'gold' } })]);
    expect(await warningsOfLatest()).toEqual([]);

    await identify('u-2', { plan_tier: 'silver' });
    expect(await attributeCalls()).toHaveLength(1);
    const contacts = (await sim.state()).contacts.map((c: any) => [c.external_id, c.custom_attributes]);
    expect(contacts).toEqual([['u-1', { plan_tier: 'gold' }], ['u-2', { plan_tier: 'silver' }]]);
  });

  it('delivers with a warning naming an attribute Intercom refuses to create, and asks only once', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: config('      createMissingAttributes: true') });
    await identify('u-1', { 'plan.tier': 'gold', seats: 3 });
    expect(await warningsOfLatest()).toEqual([
      "custom attribute 'plan.tier' could not be created in Intercom (Your name for this attribute must only contain " +
        'alphanumeric characters, currency symbols, and hyphens), so it was left out',
    ]);
    expect((await sim.state()).contacts).toEqual([expect.objectContaining({ external_id: 'u-1', custom_attributes: { seats: 3 } })]);

    await identify('u-2', { 'plan.tier': 'silver' });
    expect((await attributeCalls()).map((r: any) => [r.body.name, r.status])).toEqual([['plan.tier', 400], ['seats', 200]]);
    expect(await warningsOfLatest()).toEqual([expect.stringContaining("custom attribute 'plan.tier' could not be created")]);
  });

  it('takes the setting from the admin API at once, and refuses a value that is not a boolean, naming it', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: config('') });
    const bad = await admin(ferry.url, 'PUT', '/api/destinations/intercom', { settings: { endpoint: sim.url, createMissingAttributes: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('createMissingAttributes');
    const on = await admin(ferry.url, 'PUT', '/api/destinations/intercom', { settings: { endpoint: sim.url, createMissingAttributes: true } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.settings.createMissingAttributes).toBe(true);
    const types = await admin(ferry.url, 'GET', '/api/destination-types/intercom');
    expect(JSON.stringify(types.body)).toContain('createMissingAttributes');
    await identify('u-1', { plan_tier: 'gold' });
    expect((await attributeCalls()).map((r: any) => r.body)).toEqual([{ name: 'plan_tier', model: 'contact', data_type: 'string' }]);
    expect(await warningsOfLatest()).toEqual([]);
  });

  it('with the setting off, leaves the attribute out with R7’s warning and creates nothing', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: config('') });
    await identify('u-1', { plan_tier: 'gold' });
    expect(await attributeCalls()).toEqual([]);
    expect(await warningsOfLatest()).toEqual([
      "custom attribute 'plan_tier' does not exist in Intercom, so it was left out (create it in Intercom to keep it)",
    ]);
    expect((await sim.state()).contacts).toEqual([expect.objectContaining({ external_id: 'u-1', custom_attributes: {} })]);
  });
});
