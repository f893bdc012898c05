// The mapping editor against a fake admin API: a new mapping from the defaults, errors where they belong, edit and test.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { MappingEditorPage } from './mapping-editor-page.js';
import { ACTIONS, PRESETS } from './test-fixtures.js';

const BASE = '/api/destinations/intercom/mappings';
const destination = { id: 'intercom', type: 'intercom', name: 'Intercom', enabled: true, settings: {}, presets: true, mappings: [], pausedReason: null };
const orders = {
  name: 'Orders', action: 'trackEvent', trigger: 'type = "track" and (event = "A" or event = "B")',
  mapping: { event_name: { '@path': '$.event' } }, enabled: false,
};

function editorApi(mappings = PRESETS) {
  return fakeApi()
    .on('GET /api/destinations/intercom', { body: destination })
    .on('GET /api/actions', { body: { actions: ACTIONS } })
    .on(`GET ${BASE}`, { body: mappings });
}
const fieldGroup = (label: string) => screen.getByRole('group', { name: new RegExp(`^${label}( required)?$`) });

describe('the mapping editor, new mapping', () => {
  it('starts from the action defaults, builds the trigger, refuses an unnamed mapping, then saves exactly what was chosen', async () => {
    const api = editorApi().on(`POST ${BASE}`, (call) => ({ status: 201, body: call.body }));
    const { location } = renderAt(<MappingEditorPage id="intercom" />, '/mappings/new');
    const user = userEvent.setup();
    expect(await screen.findByLabelText('Mapping name')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Mapping' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Identify Contact/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: /Track Event/ }));

    // The builder shows the default trigger; a second condition narrows it to one event.
    expect((screen.getByLabelText('Condition 1: field') as HTMLSelectElement).value).toBe('event-type');
    expect((screen.getByLabelText('Condition 1: value') as HTMLSelectElement).value).toBe('track');
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    expect(screen.getByText('incomplete')).toBeTruthy();
    await user.type(screen.getByLabelText('Condition 2: value'), 'Order Completed');
    expect(screen.getByText('type = "track" and event = "Order Completed"')).toBeTruthy();

    // Defaults are pre-filled; one field becomes a function, one is left to nothing.
    expect((screen.getByLabelText('Event Name: path in the event') as HTMLInputElement).value).toBe('$.event');
    expect(within(fieldGroup('Event Name')).getByText('"Order Completed"')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Event Name: value from'), 'json');
    await user.click(screen.getByLabelText('Event Name: mapping-kit JSON'));
    await user.paste('{"@template": "order-{{properties.plan}}"}');
    await user.selectOptions(screen.getByLabelText('Email: value from'), 'unset');
    expect(within(fieldGroup('Email')).getByText('$.properties.email')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save mapping' }));
    expect(screen.getByRole('alert').textContent).toBe('One thing to fix before saving: Give the mapping a name.');
    expect(document.activeElement).toBe(screen.getByLabelText('Mapping name'));
    expect(api.callsTo(`POST ${BASE}`)).toHaveLength(0);

    await user.type(screen.getByLabelText('Mapping name'), 'Orders');
    await user.click(screen.getByRole('checkbox', { name: /Enabled/ }));
    await user.click(screen.getByRole('button', { name: 'Save mapping' }));
    await waitFor(() => expect(location.history!.at(-1)).toBe('/mappings'));
    expect(api.callsTo(`POST ${BASE}`).map((c) => c.body)).toEqual([{
      name: 'Orders', action: 'trackEvent', trigger: 'type = "track" and event = "Order Completed"', enabled: true,
      mapping: {
        event_name: { '@template': 'order-{{properties.plan}}' }, created_at: { '@path': '$.timestamp' }, user_id: { '@path': '$.userId' },
        revenue: { '@path': '$.properties.revenue' }, currency: { '@path': '$.properties.currency' }, metadata: { '@path': '$.properties' },
      },
    }]);
  });

  it("shows the API's refusal at the field, or at the name, that it names", async () => {
    let answer = { status: 400, body: { error: { code: 'FERRY_ERR_MAPPING_DIRECTIVE', path: 'mapping.role.@if',
      message: 'Invalid mapping at "mapping.role.@if": @if needs "then" or "else"' } } };
    editorApi().on(`POST ${BASE}`, () => answer);
    renderAt(<MappingEditorPage id="intercom" />, '/mappings/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Mapping name'), 'Contacts');
    await user.click(screen.getByRole('button', { name: 'Save mapping' }));
    const inRole = await within(fieldGroup('Role')).findByRole('alert');
    expect(inRole.textContent).toBe('Invalid mapping at "mapping.role.@if": @if needs "then" or "else" at mapping.role.@if (FERRY_ERR_MAPPING_DIRECTIVE)');
    expect(document.activeElement).toBe(screen.getByLabelText('Role: value from'));

    answer = { status: 409, body: { error: { code: 'FERRY_ERR_CONFLICT', path: 'name', message: "destination 'intercom' already has a mapping named 'Contacts'" } } };
    await user.click(screen.getByRole('button', { name: 'Save mapping' }));
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(
      ["destination 'intercom' already has a mapping named 'Contacts' at name (FERRY_ERR_CONFLICT)"]));
    expect(document.activeElement).toBe(screen.getByLabelText('Mapping name'));
  });
});

describe('the mapping editor, a saved mapping', () => {
  it('keeps FQL the builder cannot show, tests the draft for real, and saves changes with PUT', async () => {
    const outcome = {
      mapping: 'Orders', action: 'trackEvent', status: 'delivered', warnings: [],
      payload: { event_name: 'Order Completed' },
      requests: [{ method: 'POST', url: 'http://sim.test/events', body: { event_name: 'Order Completed' }, status: 202, durationMs: 12 }],
    };
    const api = editorApi({ presets: false, mappings: [orders] })
      .on(`POST ${BASE}/test`, { body: { matched: false, outcome } })
      .on(`PUT ${BASE}/Orders`, (call) => ({ body: call.body }));
    const { location } = renderAt(<MappingEditorPage id="intercom" name="Orders" />, '/mappings/edit/Orders');
    const user = userEvent.setup();
    expect(((await screen.findByLabelText('Trigger (FQL)')) as HTMLTextAreaElement).value).toBe(orders.trigger);
    await user.click(screen.getByRole('button', { name: 'Condition builder' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^The builder cannot show this trigger/);
    expect(within(fieldGroup('Event Timestamp')).getByText('$.timestamp')).toBeTruthy();
    expect((screen.getByLabelText('Event Timestamp: value from') as HTMLSelectElement).value).toBe('unset');

    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    expect((await screen.findByText(/The trigger does not match this event/)).textContent).toContain('it ran anyway');
    expect(screen.getByRole('heading', { name: 'Orders', level: 3 })).toBeTruthy();
    const [test] = api.callsTo(`POST ${BASE}/test`);
    expect(test!.body).toEqual({
      name: 'Orders', action: 'trackEvent', trigger: orders.trigger, mapping: orders.mapping,
      event: expect.objectContaining({ type: 'track', event: 'Order Completed', userId: 'user-123' }),
    });

    await user.clear(screen.getByLabelText('Mapping name'));
    await user.type(screen.getByLabelText('Mapping name'), 'Big orders');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(location.history!.at(-1)).toBe('/mappings'));
    expect(api.callsTo(`PUT ${BASE}/Orders`).map((c) => c.body)).toEqual([{ ...orders, name: 'Big orders' }]);
  });

  it('says so when the mapping does not exist', async () => {
    editorApi();
    renderAt(<MappingEditorPage id="intercom" name="Gone" />, '/mappings/edit/Gone');
    expect((await screen.findByRole('alert')).textContent).toContain('This destination has no mapping named Gone');
  });
});
