// The session gate: sign in with the admin token, the frame after it, the CSRF header on changes, sign-out.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { App } from './app.js';
import { fakeApi, renderAt } from './test-support/render.js';

const session = { who: 'admin', signedInAt: '2026-12-04T10:00:00.000Z', expiresAt: '2026-12-04T22:00:00.000Z', csrfToken: 'csrf-1' };

afterEach(() => {
  document.cookie = 'ferry_signed_in=; max-age=0';
});

describe('the session gate', () => {
  it('asks for the admin token, signs in with it, then shows the app; sign-out sends the CSRF header', async () => {
    let signedIn = false;
    const api = fakeApi()
      .on('GET /api/session', () => (signedIn ? { body: session } : { status: 401, body: { error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'sign in' } } }))
      .on('POST /api/session', (call) => {
        if ((call.body as { token: string }).token !== 'the-admin-token-0123456789') {
          return { status: 401, body: { error: { code: 'FERRY_ERR_UNAUTHORIZED', message: 'that is not the admin token' } } };
        }
        signedIn = true;
        return { body: { expiresAt: session.expiresAt, csrfToken: 'csrf-1' } };
      })
      .on('DELETE /api/session', { status: 204 })
      .on('GET /api/destinations', { body: [] });
    renderAt(<App queryClient={new QueryClient()} />);
    const user = userEvent.setup();

    const input = await screen.findByLabelText('Admin token');
    await user.type(input, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('that is not the admin token');

    await user.clear(input);
    await user.type(input, 'the-admin-token-0123456789');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(localStorage.length).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(api.callsTo('DELETE /api/session')).toHaveLength(1));
    expect(api.callsTo('DELETE /api/session')[0]!.headers['x-csrf-token']).toBe('csrf-1');
    expect(await screen.findByLabelText('Admin token')).toBeTruthy();
  });

  it('shows every paused destination with the way to fix it', async () => {
    document.cookie = 'ferry_signed_in=1';
    fakeApi()
      .on('GET /api/session', { body: session })
      .on('GET /api/destinations', {
        body: [{ id: 'intercom', type: 'intercom', enabled: true, settings: {}, presets: true, mappings: [], pausedReason: 'Intercom refused the access token (401)' }],
      });
    renderAt(<App queryClient={new QueryClient()} />);
    const banner = await screen.findByRole('alert', { name: 'Paused destinations' });
    expect(banner.textContent).toContain('intercom is paused: Intercom refused the access token (401)');
    expect(screen.getByRole('link', { name: 'connect it again or give a new token' }).getAttribute('href')).toBe('/destinations/intercom/settings');
  });
});
