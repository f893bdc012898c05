// Configure: the exact POST body (sources picked or every source, name, derived id, disabled), the id rules and the
// API's errors at their field, then the new destination's Settings.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { ConfigurePage } from './configure-page.js';

const intercomType = {
  key: 'intercom', title: 'Intercom', description: 'Intercom Cloud Mode (Actions): contacts, companies and data events.',
  integrationNames: ['Intercom', 'Intercom Cloud Mode (Actions)'], settings: { type: 'object', properties: {} },
  secretSettings: ['accessToken'], oauth: true, actions: [], presets: [],
};
const sources = [{ id: 'web', name: 'Website', writeKey: '****abcd' }, { id: 'ios', writeKey: '****efgh' }];
const existing = [{ id: 'intercom', type: 'intercom', enabled: true, settings: {}, presets: true, mappings: [], pausedReason: null }];

function setup() {
  const api = fakeApi()
    .on('GET /api/destination-types/intercom', { body: intercomType })
    .on('GET /api/sources', { body: sources })
    .on('GET /api/destinations', { body: existing });
  const rendered = renderAt(<ConfigurePage type="intercom" />, '/catalog/intercom');
  return { api, ...rendered, user: userEvent.setup() };
}

describe('the Configure page', () => {
  it('creates the destination disabled, fed by the sources picked, with the id made from its name; then opens its Settings', async () => {
    const { api, user, location } = setup();
    api.on('POST /api/destinations', (call) => ({ status: 201, body: { ...(call.body as object), settings: {}, presets: true, mappings: [], pausedReason: null } }));
    expect((await screen.findByText(/A new Intercom Cloud Mode \(Actions\) destination/)).textContent).toContain('disabled');
    await user.click(screen.getByLabelText('Website (web)'));
    await user.click(screen.getByLabelText('ios'));
    await user.type(screen.getByLabelText('Name'), 'Intercom (EU workspace)');
    expect((screen.getByLabelText('Id') as HTMLInputElement).value).toBe('intercom-eu-workspace');
    await user.click(screen.getByRole('button', { name: 'Create the destination (disabled)' }));
    await waitFor(() => expect(api.callsTo('POST /api/destinations')).toHaveLength(1));
    expect(api.callsTo('POST /api/destinations')[0]!.body).toEqual({
      id: 'intercom-eu-workspace', type: 'intercom', name: 'Intercom (EU workspace)', enabled: false, sources: ['web', 'ios'],
    });
    await waitFor(() => expect(location.history.at(-1)).toBe('/destinations/intercom-eu-workspace/settings'));
  });

  it('sends sources: null for every source, and an id edited by hand', async () => {
    const { api, user } = setup();
    api.on('POST /api/destinations', { status: 201, body: { ...existing[0], id: 'crm' } });
    await user.click(await screen.findByLabelText('Every source, also the ones added later'));
    expect((screen.getByLabelText('Website (web)') as HTMLInputElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('Name'), 'Intercom');
    expect((screen.getByLabelText('Id') as HTMLInputElement).value).toBe('intercom-2');
    await user.clear(screen.getByLabelText('Id'));
    await user.type(screen.getByLabelText('Id'), 'crm');
    await user.click(screen.getByRole('button', { name: 'Create the destination (disabled)' }));
    await waitFor(() => expect(api.callsTo('POST /api/destinations')).toHaveLength(1));
    expect(api.callsTo('POST /api/destinations')[0]!.body).toEqual({ id: 'crm', type: 'intercom', name: 'Intercom', enabled: false, sources: null });
  });

  it('says at each field what is missing or breaks the id rule, and sends nothing', async () => {
    const { api, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Create the destination (disabled)' }));
    expect(screen.getByText('Pick at least one source, or choose every source.')).toBeTruthy();
    expect(screen.getByText('Give the destination a name.')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toBe('configure-name-hint configure-name-error');

    await user.type(screen.getByLabelText('Id'), '-bad id');
    await user.click(screen.getByRole('button', { name: 'Create the destination (disabled)' }));
    expect(screen.getByText('Use letters, digits, ".", "_" and "-" only, starting with a letter or digit.').id).toBe('configure-id-error');
    await user.clear(screen.getByLabelText('Id'));
    await user.type(screen.getByLabelText('Id'), 'intercom');
    expect(screen.getByText('A destination with the id "intercom" exists already: choose another.')).toBeTruthy();
    expect(api.callsTo('POST /api/destinations')).toHaveLength(0);
  });

  it("shows the API's refusal at the field its path names", async () => {
    const { api, user } = setup();
    api.on('POST /api/destinations', {
      status: 400, body: { error: { code: 'FERRY_ERR_CONFIG_INVALID', message: 'sources[0]: no source "web" exists', path: 'sources[0]' } },
    });
    await user.click(await screen.findByLabelText('Website (web)'));
    await user.type(screen.getByLabelText('Name'), 'CRM');
    await user.click(screen.getByRole('button', { name: 'Create the destination (disabled)' }));
    const error = await screen.findByText('sources[0]: no source "web" exists');
    expect(error.closest('#configure-sources-error')).toBeTruthy();
    expect(error.closest('.error-message')!.textContent).toContain('(FERRY_ERR_CONFIG_INVALID)');
  });
});
