// Settings: the connection shown, OAuth start and its refusals, the token saved with the exact body, test connection,
// the schema form, enable with its confirmation, delete with force, the managed and paused states.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { SettingsPage } from './settings-page.js';

const intercomType = {
  key: 'intercom', title: 'Intercom', description: '', integrationNames: ['Intercom'], secretSettings: ['accessToken'], oauth: true, actions: [], presets: [],
  settings: {
    type: 'object',
    properties: {
      region: { description: 'default us', anyOf: [{ const: 'us', type: 'string' }, { const: 'eu', type: 'string' }, { const: 'au', type: 'string' }] },
      apiVersion: { description: 'Intercom API version, "2.x"; default 2.11', type: 'string' },
      workspace: { type: 'object', properties: { idCode: { type: 'string' }, name: { type: 'string' } } },
      accessToken: { anyOf: [{ type: 'string' }, { type: 'null' }], secret: true },
    },
  },
};
const mapping = (name: string, enabled = true) => ({ name, action: 'trackEvent', enabled });
const destination = {
  id: 'eu', name: 'Intercom EU', type: 'intercom', enabled: false, presets: false, pausedReason: null, sources: ['web', 'ios'],
  settings: { region: 'eu', apiVersion: '2.11', accessToken: '****wxyz', workspace: { idCode: 'eu1', name: 'Europe Co' } },
  mappings: [mapping('Signups'), mapping('Old', false), mapping('Orders')],
};
const sources = [{ id: 'web', name: 'Website', writeKey: '****abcd' }, { id: 'ios', writeKey: '****efgh' }];

function setup(overrides: Record<string, unknown> = {}, path = '/destinations/eu/settings') {
  const current = { ...destination, ...overrides };
  const api = fakeApi()
    .on('GET /api/destinations/eu', { body: current })
    .on('GET /api/destinations', { body: [current] })
    .on('GET /api/destination-types/intercom', { body: intercomType })
    .on('GET /api/sources', { body: sources });
  return { api, ...renderAt(<SettingsPage id="eu" />, path), user: userEvent.setup() };
}

afterEach(() => vi.unstubAllGlobals());

describe('the Settings page', () => {
  it('shows the workspace connected by OAuth, and tests the connection', async () => {
    const { api, user } = setup({}, '/destinations/eu/settings?connected=1');
    expect((await screen.findByText(/Intercom connected ferry to the workspace/)).textContent).toBe('Intercom connected ferry to the workspace Europe Co.');
    expect(screen.getByText('Connected to Europe Co (EU)')).toBeTruthy();
    api.on('POST /api/destinations/eu/test-connection', { body: { ok: true, workspace: { name: 'Europe Co', id_code: 'eu1', region: 'EU' } } });
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByText(/Intercom answered/)).textContent).toBe('Intercom answered: workspace Europe Co (eu1, region EU).');

    api.on('POST /api/destinations/eu/test-connection', { body: { ok: false, status: 401, error: 'unauthorized: Access Token Invalid' } });
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByText(/The connection failed/)).textContent).toBe('The connection failed: unauthorized: Access Token Invalid (Intercom answered 401).');
  });

  it('saves a pasted token with the stored settings, without the workspace the old token had', async () => {
    const { api, user } = setup();
    const saved = { ...destination, settings: { region: 'eu', apiVersion: '2.11', accessToken: '****6789' } };
    api.on('PUT /api/destinations/eu', { body: saved });
    await user.type(await screen.findByLabelText('Or paste an access token'), 'tok_new_0123456789');
    expect(screen.getByLabelText('Or paste an access token').getAttribute('type')).toBe('password');
    await user.click(screen.getByRole('button', { name: 'Save the token' }));
    await waitFor(() => expect(api.callsTo('PUT /api/destinations/eu')).toHaveLength(1));
    expect(api.callsTo('PUT /api/destinations/eu')[0]!.body).toEqual({ settings: { region: 'eu', apiVersion: '2.11', accessToken: 'tok_new_0123456789' } });
    expect(await screen.findByText('The token is saved. Test the connection to see its workspace.')).toBeTruthy();
    expect(screen.getByText('An access token is stored (****6789). Test the connection to see its workspace.')).toBeTruthy();
  });

  it('saves the region, sending the masked token back unchanged; shows the refusal at its field', async () => {
    const { api, user } = setup();
    api.on('PUT /api/destinations/eu', {
      status: 400, body: { error: { code: 'FERRY_ERR_CONFIG_INVALID', message: 'settings.apiVersion: must be an Intercom API version like "2.11", got "3"', path: 'settings.apiVersion' } },
    });
    await user.selectOptions(await screen.findByLabelText('Region'), 'AU');
    await user.clear(screen.getByLabelText('API version'));
    await user.type(screen.getByLabelText('API version'), '3');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.callsTo('PUT /api/destinations/eu')).toHaveLength(1));
    expect(api.callsTo('PUT /api/destinations/eu')[0]!.body).toEqual({ settings: { region: 'au', apiVersion: '3', accessToken: '****wxyz' } });
    const error = await screen.findByText('settings.apiVersion: must be an Intercom API version like "2.11", got "3"');
    expect(error.closest('#setting-apiVersion-error')).toBeTruthy();
    expect(screen.getByLabelText('API version').getAttribute('aria-invalid')).toBe('true');
  });

  it('changes the sources that feed it: every source is sources: null, a pick is the list', async () => {
    const { api, user } = setup();
    api.on('PUT /api/destinations/eu', (call) => ({ body: { ...destination, ...(call.body as object) } }));
    const sourcesCard = within(await screen.findByRole('region', { name: 'Sources' }));
    expect((sourcesCard.getByLabelText('Website (web)') as HTMLInputElement).checked).toBe(true);
    expect((sourcesCard.getByRole('button', { name: 'Save sources' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(sourcesCard.getByLabelText('Every source, also the ones added later'));
    await user.click(sourcesCard.getByRole('button', { name: 'Save sources' }));
    await waitFor(() => expect(api.callsTo('PUT /api/destinations/eu')).toHaveLength(1));
    expect(api.callsTo('PUT /api/destinations/eu')[0]!.body).toEqual({ sources: null });
    expect(await sourcesCard.findByText('The sources are saved.')).toBeTruthy();

    // Back to picking: the earlier picks return; an empty pick cannot be saved.
    await user.click(sourcesCard.getByLabelText('Only the sources picked here'));
    await user.click(sourcesCard.getByLabelText('Website (web)'));
    await user.click(sourcesCard.getByLabelText('ios'));
    expect(sourcesCard.getByText('Pick at least one source, or choose every source.')).toBeTruthy();
    expect((sourcesCard.getByRole('button', { name: 'Save sources' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(sourcesCard.getByLabelText('ios'));
    await user.click(sourcesCard.getByRole('button', { name: 'Save sources' }));
    await waitFor(() => expect(api.callsTo('PUT /api/destinations/eu')).toHaveLength(2));
    expect(api.callsTo('PUT /api/destinations/eu')[1]!.body).toEqual({ sources: ['ios'] });
  });

  it('opens the OAuth link, or says why Connect is not available and what to do', async () => {
    const { api, user } = setup();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    api.on('POST /api/destinations/eu/oauth/start', { body: { url: 'http://127.0.0.1:4000/oauth/intercom/begin?state=abc' } });
    await user.click(await screen.findByRole('button', { name: 'Connect with Intercom' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1:4000/oauth/intercom/begin?state=abc'));

    const message = "OAuth with Intercom needs INTERCOM_CLIENT_SECRET in ferry's environment (the client id and secret of your Intercom app)";
    api.on('POST /api/destinations/eu/oauth/start', { status: 409, body: { error: { code: 'FERRY_ERR_OAUTH_NOT_CONFIGURED', message } } });
    await user.click(screen.getByRole('button', { name: 'Connect with Intercom' }));
    expect((await screen.findByText(message)).closest('[role=alert]')!.textContent).toContain('(FERRY_ERR_OAUTH_NOT_CONFIGURED)');
    expect(screen.getByText(/Give ferry the client id and secret of your Intercom app in its environment and restart it/)).toBeTruthy();
  });

  it('enables after a confirmation naming the sources, the workspace and the mappings', async () => {
    const { api, user } = setup();
    api.on('POST /api/destinations/eu/enable', { body: { ...destination, enabled: true } });
    await user.click(await screen.findByRole('button', { name: 'Enable the destination…' }));
    const panel = screen.getByRole('group', { name: 'Enable Intercom EU?' });
    expect(within(panel).getByText(/^Events from/).textContent).toBe(
      'Events from sources Website, ios will be delivered to Intercom workspace Europe Co through 2 mappings: Signups, Orders.',
    );
    expect(api.callsTo('POST /api/destinations/eu/enable')).toHaveLength(0);
    await user.click(within(panel).getByRole('button', { name: 'Enable and start delivering' }));
    await waitFor(() => expect(api.callsTo('POST /api/destinations/eu/enable')).toHaveLength(1));
    expect(await screen.findByText('Intercom EU is enabled.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Disable the destination…' })).toBeTruthy();
  });

  it('deletes after a confirmation, with force when the API says deliveries are unfinished', async () => {
    const { api, user, location } = setup();
    const refusal = 'destination "eu" has 2 unfinished deliveries (queued, in progress or waiting to retry); wait for them to finish, or delete with force to drop them';
    api.on('DELETE /api/destinations/eu', (call) =>
      call.path.endsWith('?force=true') ? { status: 204 } : { status: 409, body: { error: { code: 'FERRY_ERR_CONFLICT', message: refusal } } });
    await user.click(await screen.findByRole('button', { name: 'Delete the destination…' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(refusal)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete anyway, dropping the unfinished deliveries' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/'));
    expect(api.callsTo('DELETE /api/destinations/eu').map((call) => call.path)).toEqual(['/api/destinations/eu', '/api/destinations/eu?force=true']);
  });

  it('shows the pause with its fix, and a managed destination read-only', async () => {
    const { api, user } = setup({ pausedReason: 'Intercom refused the access token (401)', managedByConfig: true });
    expect((await screen.findByText('Paused:')).closest('.paused-notice')!.textContent).toContain(
      'Paused: Intercom refused the access token (401).Its events wait; nothing is sent until the credentials work again. Connect with Intercom again or paste a new access token below',
    );
    expect(screen.getByRole('note').textContent).toContain('Managed by the config file.');
    for (const name of ['Enable the destination…', 'Delete the destination…']) {
      expect((screen.getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    }
    // Credentials may still be connected when the file gives none: the API refuses them otherwise, in its words.
    expect((screen.getByRole('button', { name: 'Connect with Intercom' }) as HTMLButtonElement).disabled).toBe(false);
    const refusal = "destination 'eu' is managed by the config file ferry.yaml, which ferry applies again at every start";
    api.on('PUT /api/destinations/eu', { status: 409, body: { error: { code: 'FERRY_ERR_CONFIG_MANAGED', message: refusal } } });
    await user.type(screen.getByLabelText('Or paste an access token'), 'tok_new_0123456789');
    await user.click(screen.getByRole('button', { name: 'Save the token' }));
    expect((await screen.findByText(refusal)).closest('[role=alert]')!.textContent).toContain('The token was not saved: ');
    expect(screen.getByLabelText('Region').closest('fieldset')!.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Test connection' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
