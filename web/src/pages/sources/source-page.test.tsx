// The Source page: snippets with this page's origin and the key (whole only when revealed here), live events, empty state.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { forgetWriteKey, rememberWriteKey } from './revealed-keys.js';
import { SourcePage } from './source-page.js';

const WEB = { id: 'web', name: 'Website', writeKey: '****6789' };
const event = {
  id: 12, receivedAt: '2026-12-04T10:00:00.000Z', type: 'track', event: 'Order Completed', userId: 'ada', messageId: 'm-1',
  payload: { type: 'track', event: 'Order Completed', userId: 'ada', messageId: 'm-1' },
  deliveries: [
    { id: 7, destinationId: 'intercom', mapping: 'Track Event', action: 'trackEvent', state: 'delivered' },
    { id: 8, destinationId: 'intercom', mapping: null, action: null, state: 'filtered' },
  ],
};

afterEach(() => forgetWriteKey('web'));

describe('the Source page', () => {
  it('without the whole key, the snippets say WRITE_KEY and where to get it; curl targets this origin', async () => {
    fakeApi().on('GET /api/sources/web', { body: WEB }).on('GET /api/sources/web/events', { body: { events: [] } });
    renderAt(<SourcePage id="web" />, '/sources/web');
    expect(await screen.findByRole('heading', { name: 'Source', level: 1 })).toBeTruthy();
    const curl = await screen.findByLabelText('curl snippet');
    expect(curl.textContent).toContain(`curl -u 'WRITE_KEY:'`);
    expect(curl.textContent).toContain(`${window.location.origin}/v1/identify`);
    expect(document.body.textContent).toContain('ferry shows a whole key only once');
    expect((await screen.findByText(/No events from this source yet/)).parentElement!.textContent).toContain('Send one with a snippet above');
  });

  it('with a key revealed in this session, every snippet carries it; the tabs switch with the keyboard', async () => {
    rememberWriteKey('web', 'whole-key-123');
    fakeApi().on('GET /api/sources/web', { body: WEB }).on('GET /api/sources/web/events', { body: { events: [] } });
    renderAt(<SourcePage id="web" />, '/sources/web');
    const user = userEvent.setup();
    expect((await screen.findByLabelText('curl snippet')).textContent).toContain(`curl -u 'whole-key-123:'`);
    await user.click(screen.getByRole('tab', { name: 'curl' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Node.js' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByLabelText('Node.js snippet').textContent).toContain(
      `new Analytics({ writeKey: "whole-key-123", host: "${window.location.origin}" })`);
    await user.keyboard('{ArrowRight}');
    expect(screen.getByLabelText('Browser (analytics.js) snippet').textContent).toContain(
      `${window.location.origin}/analytics.js/v1/" + key + "/analytics.min.js"`);
    expect(screen.getByRole('button', { name: 'Copy the Browser (analytics.js) snippet' })).toBeTruthy();
  });

  it('shows recent events with each delivery state linking to the delivery, and asks again every 3 s', async () => {
    const api = fakeApi().on('GET /api/sources/web', { body: WEB }).on('GET /api/sources/web/events', { body: { events: [event] } });
    renderAt(<SourcePage id="web" />, '/sources/web');
    const item = await screen.findByRole('listitem', { name: 'track Order Completed, userId ada' });
    const delivered = within(item).getByRole('link', { name: 'intercom · Track Event: delivered' });
    expect(delivered.getAttribute('href')).toBe('/deliveries/7');
    expect(within(item).getByRole('link', { name: 'intercom: no mapping matched' }).getAttribute('href')).toBe('/deliveries/8');
    expect(within(item).getByLabelText('Event m-1 as stored').textContent).toBe(JSON.stringify(event.payload, null, 2));
    expect(api.callsTo('GET /api/sources/web/events')[0]!.path).toBe('/api/sources/web/events?limit=50');
    await waitFor(() => expect(api.callsTo('GET /api/sources/web/events').length).toBeGreaterThan(1), { timeout: 4_000 });
  });

  it("says so when the source does not exist, in the API's words", async () => {
    fakeApi().on('GET /api/sources/nope', { status: 404, body: { error: { code: 'FERRY_ERR_NOT_FOUND', message: "source 'nope' does not exist" } } });
    renderAt(<SourcePage id="nope" />, '/sources/nope');
    expect((await screen.findByRole('alert')).textContent).toContain("source 'nope' does not exist");
  });
});
