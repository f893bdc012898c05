// The Event Tester: the pasted event is sent as the exact body, outcomes shown per mapping, mistakes shown at the input.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { EventTesterPage } from './event-tester-page.js';

const SANDBOX = { id: 'intercom', type: 'intercom', name: 'Intercom', enabled: true, settings: { region: 'us' }, presets: true, mappings: [], pausedReason: null };
const REAL = { ...SANDBOX, settings: { region: 'eu', accessToken: '****abcd' } };
const TESTER = 'POST /api/destinations/intercom/event-tester';
const outcomes = [
  {
    mapping: 'Identify Contact', action: 'identifyContact', status: 'delivered', warnings: [],
    requests: [{ method: 'POST', url: 'http://127.0.0.1:4010/contacts', body: { external_id: 'ada' }, status: 200, response: { id: 'c1' }, durationMs: 12 }],
  },
  { mapping: 'Track Event', action: 'trackEvent', status: 'filtered', warnings: [], reason: 'the trigger does not match', requests: [] },
];

function api(destination: object = SANDBOX) {
  return fakeApi()
    .on('GET /api/destinations/intercom', { body: destination })
    .on('GET /api/sources', { body: [{ id: 'web', writeKey: '****6789' }] })
    .on('GET /api/sources/web/events', { body: { events: [] } });
}

const typeEvent = async (text: string) => fireEvent.change(await screen.findByLabelText('Event JSON'), { target: { value: text } });

describe('the Event Tester', () => {
  it('sends the pasted event as the exact body and shows one outcome per mapping with its requests', async () => {
    const calls = api().on(TESTER, { body: { outcomes } });
    renderAt(<EventTesterPage id="intercom" />);
    const user = userEvent.setup();
    expect((await screen.findByRole('note')).textContent).toContain("This sends for real. The requests go to ferry's Intercom simulator");
    await typeEvent('{\n  "type": "identify",\n  "userId": "ada",\n  "traits": { "email": "ada@example.com" }\n}');
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    await waitFor(() => expect(calls.callsTo(TESTER)).toHaveLength(1));
    expect(calls.callsTo(TESTER)[0]!.body).toEqual({ event: { type: 'identify', userId: 'ada', traits: { email: 'ada@example.com' } } });
    expect((await screen.findByRole('status')).textContent).toBe('2 mappings: 1 delivered, 1 not sent.');
    const delivered = screen.getByRole('article', { name: 'Mapping Identify Contact: Delivered' });
    expect(within(delivered).getByLabelText('Request 1 body').textContent).toBe(JSON.stringify({ external_id: 'ada' }, null, 2));
    expect(within(delivered).getByLabelText('Answer 1 body').textContent).toBe(JSON.stringify({ id: 'c1' }, null, 2));
    expect(screen.getByRole('article', { name: 'Mapping Track Event: Not sent' }).textContent).toContain('the trigger does not match');
  });

  it("shows the API's 400 with its path at the input", async () => {
    api().on(TESTER, { status: 400, body: { error: { code: 'FERRY_ERR_EVENT_INVALID', message: 'invalid event: userId or anonymousId is required', path: 'event.userId' } } });
    renderAt(<EventTesterPage id="intercom" />);
    const user = userEvent.setup();
    await typeEvent('{"type": "identify"}');
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The event was not tested: invalid event: userId or anonymousId is required at event.userId (FERRY_ERR_EVENT_INVALID)');
    const input = screen.getByLabelText('Event JSON');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)!.contains(alert)).toBe(true);
  });

  it('says where invalid JSON goes wrong and sends nothing', async () => {
    const calls = api();
    renderAt(<EventTesterPage id="intercom" />);
    const user = userEvent.setup();
    await typeEvent('{\n  "type": "identify",\n  "userId": "ada",\n}');
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This is not valid JSON: a comma before } (JSON allows none), at line 4, column 1.');
    expect(calls.callsTo(TESTER)).toHaveLength(0);
  });

  it('fills in a generated sample, and asks before sending to a real workspace', async () => {
    const calls = api(REAL).on(TESTER, { body: { outcomes: [] } });
    renderAt(<EventTesterPage id="intercom" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sample group' }));
    expect(JSON.parse((screen.getByLabelText('Event JSON') as HTMLTextAreaElement).value)).toMatchObject({ type: 'group', groupId: 'acme' });
    const send = screen.getByRole('button', { name: 'Send test event' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await user.click(screen.getByLabelText('Yes, send this event to your Intercom workspace (region EU)'));
    await user.click(send);
    await waitFor(() => expect(calls.callsTo(TESTER)).toHaveLength(1));
    expect((calls.callsTo(TESTER)[0]!.body as { event: { type: string } }).event.type).toBe('group');
    expect((await screen.findByRole('status')).textContent).toBe('The destination has no mappings: nothing was sent.');
  });

  it('uses a recent event of a source', async () => {
    const payload = { type: 'track', event: 'Signed Up', userId: 'bob', messageId: 'm-9' };
    api().on('GET /api/sources/web/events', {
      body: { events: [{ id: 3, receivedAt: '2026-12-04T10:00:00.000Z', type: 'track', event: 'Signed Up', userId: 'bob', messageId: 'm-9', payload, deliveries: [] }] },
    });
    renderAt(<EventTesterPage id="intercom" />);
    const user = userEvent.setup();
    const use = await screen.findByRole('button', { name: 'Use this event' });
    await waitFor(() => expect((use as HTMLButtonElement).disabled).toBe(false));
    await user.click(use);
    expect(JSON.parse((screen.getByLabelText('Event JSON') as HTMLTextAreaElement).value)).toEqual(payload);
  });
});
