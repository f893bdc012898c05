// The mappings list against a fake admin API: counts, presets, enable switches, reorder, delete, errors where acted.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MappingSpec } from '../../api/types.js';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { MappingsPage } from './mappings-page.js';
import { ACTIONS, PRESETS } from './test-fixtures.js';

const BASE = '/api/destinations/intercom/mappings';
const destination = (extra: object = {}) => ({
  id: 'intercom', type: 'intercom', name: 'Intercom', enabled: true, settings: {}, presets: true, mappings: [], pausedReason: null, ...extra,
});

/** A fake API holding a list that the changes edit, as ferry would. */
function mappingsApi(initial = PRESETS, destinationExtra: object = {}) {
  let list = { presets: initial.presets, mappings: structuredClone(initial.mappings) as MappingSpec[] };
  const api = fakeApi()
    .on('GET /api/destinations/intercom', { body: destination(destinationExtra) })
    .on('GET /api/actions', { body: { actions: ACTIONS } })
    .on(`GET ${BASE}`, () => ({ body: list }))
    .on(`PUT ${BASE}/order`, (call) => {
      const { names } = call.body as { names: string[] };
      list = { presets: false, mappings: names.map((n) => list.mappings.find((m) => m.name === n)!) };
      return { body: list };
    });
  for (const m of initial.mappings) {
    const at = `${BASE}/${encodeURIComponent(m.name)}`;
    for (const verb of ['enable', 'disable']) {
      api.on(`POST ${at}/${verb}`, () => {
        list = { presets: false, mappings: list.mappings.map((x) => (x.name === m.name ? { ...x, enabled: verb === 'enable' } : x)) };
        return { body: list.mappings.find((x) => x.name === m.name) };
      });
    }
    api.on(`DELETE ${at}`, () => {
      list = { presets: false, mappings: list.mappings.filter((x) => x.name !== m.name) };
      return { status: 204 };
    });
  }
  return api;
}

const rowOf = (name: string) => screen.getByRole('link', { name }).closest('tr')!;

describe('the mappings list', () => {
  it('shows the presets in order with n / 50, their actions and triggers, and links to add and edit', async () => {
    mappingsApi();
    renderAt(<MappingsPage id="intercom" />, '/mappings');
    expect(await screen.findByRole('heading', { name: 'Mappings' })).toBeTruthy();
    expect(screen.getByLabelText('3 of at most 50 mappings').textContent).toBe('3 / 50');
    expect(screen.getByText(/These are the destination's preset mappings/)).toBeTruthy();
    const cells = () => screen.getAllByRole('row').slice(1).map((r) => {
      const [, name, action, trigger] = within(r).getAllByRole('cell');
      return [within(name!).getByRole('link').textContent, action!.textContent, trigger!.textContent];
    });
    // The action's title once the catalog has answered.
    await waitFor(() => expect(cells()).toEqual([
      ['Identify Contact', 'Identify Contact', 'type = "identify"'],
      ['Identify Company', 'Identify Company', 'type = "group"'],
      ['Track Event', 'Track Event', 'type = "track"'],
    ]));
    expect(screen.getByRole('link', { name: 'Add mapping' }).getAttribute('href')).toBe('/mappings/new');
    expect(screen.getByRole('link', { name: 'Edit Track Event' }).getAttribute('href')).toBe('/mappings/edit/Track%20Event');
    expect(screen.getByRole('button', { name: 'Move Identify Contact up' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Move Track Event down' }).hasAttribute('disabled')).toBe(true);
  });

  it('disables and enables a mapping, moves one, and deletes one after confirming; the list follows', async () => {
    const api = mappingsApi();
    renderAt(<MappingsPage id="intercom" />, '/mappings');
    const user = userEvent.setup();
    const trackSwitch = await screen.findByRole('switch', { name: 'Enable Track Event' });
    expect((trackSwitch as HTMLInputElement).checked).toBe(true);
    await user.click(trackSwitch);
    expect((await screen.findByRole('status')).textContent).toBe('Track Event disabled.');
    expect(api.callsTo(`POST ${BASE}/Track%20Event/disable`)).toHaveLength(1);
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Enable Track Event' }) as HTMLInputElement).checked).toBe(false));

    await user.click(screen.getByRole('button', { name: 'Move Track Event up' }));
    expect(api.callsTo(`PUT ${BASE}/order`).map((c) => c.body)).toEqual([{ names: ['Identify Contact', 'Track Event', 'Identify Company'] }]);
    await waitFor(() => expect(screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('link')[0]!.textContent)).toEqual(
      ['Identify Contact', 'Track Event', 'Identify Company']));
    expect(screen.getByRole('status').textContent).toBe('Track Event moved up to position 2.');

    await user.click(within(rowOf('Identify Company')).getByRole('button', { name: 'Delete Identify Company' }));
    expect(api.callsTo(`DELETE ${BASE}/Identify%20Company`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Delete Identify Company' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Identify Company' })).toBeNull());
    expect(api.callsTo(`DELETE ${BASE}/Identify%20Company`)).toHaveLength(1);
    expect(screen.getByLabelText('2 of at most 50 mappings')).toBeTruthy();
    expect(screen.queryByText(/preset mappings/)).toBeNull();
  });

  it("shows the API's refusal where the user acted, and keeps the switch as it was", async () => {
    mappingsApi().on(`POST ${BASE}/Track%20Event/disable`, {
      status: 409, body: { error: { code: 'FERRY_ERR_CONFIG_MANAGED', message: "destination 'intercom' is managed by the config file" } },
    });
    renderAt(<MappingsPage id="intercom" />, '/mappings');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('switch', { name: 'Enable Track Event' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe("Track Event could not be disabled: destination 'intercom' is managed by the config file (FERRY_ERR_CONFIG_MANAGED)");
    expect((screen.getByRole('switch', { name: 'Enable Track Event' }) as HTMLInputElement).checked).toBe(true);
  });

  it('says what to do when there are no mappings, and locks everything when the config file manages them', async () => {
    mappingsApi({ presets: false, mappings: [] });
    const first = renderAt(<MappingsPage id="intercom" />, '/mappings');
    expect(await screen.findByText(/Nothing is sent to the destination: no event can match. Add a mapping/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add mapping' })).toBeTruthy();
    first.unmount();

    mappingsApi(PRESETS, { managedByConfig: true });
    renderAt(<MappingsPage id="intercom" />, '/mappings');
    expect(await screen.findByText('Managed by the config file.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Add mapping' })).toBeNull();
    expect(screen.getAllByRole('switch').every((s) => s.hasAttribute('disabled'))).toBe(true);
    expect(screen.getByRole('button', { name: 'Delete Track Event' }).hasAttribute('disabled')).toBe(true);
  });

  it('offers no Add at 50 mappings and says why', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ name: `m${i}`, action: 'trackEvent', enabled: false }));
    mappingsApi({ presets: false, mappings: fifty });
    renderAt(<MappingsPage id="intercom" />, '/mappings');
    expect(await screen.findByText(/This destination has 50 mappings, the most it can hold/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Add mapping' })).toBeNull();
    await waitFor(() => expect(within(rowOf('m0')).getAllByRole('cell')[3]!.textContent).toBe('the action\'s default: type = "track"'));
    // On a phone the action and trigger fold under the name.
    expect(within(rowOf('m0')).getAllByRole('cell')[1]!.textContent).toBe('m0Track Event · the action\'s default: type = "track"');
  });
});
