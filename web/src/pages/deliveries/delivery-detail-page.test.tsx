// A delivery's page: every attempt with its outcome, error, warnings and Intercom exchanges; links back; replay.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { DeliveryDetailPage } from './delivery-detail-page.js';
import { delivery, detail } from './delivery-fixtures.js';

describe('a delivery', () => {
  it("explains a warning where Intercom's behaviour needs it: a company without contacts is hidden (R10)", async () => {
    fakeApi().on('GET /api/deliveries/12', { body: { ...detail(), warnings: ['contact not found, not attached'] } });
    renderAt(<DeliveryDetailPage deliveryId="12" />, '/deliveries/12');
    const warnings = await screen.findByRole('note', { name: 'Warnings (1)' });
    expect(within(warnings).getByRole('listitem').textContent).toBe(
      'contact not found, not attachedIntercom keeps the company, but does not show a company without contacts in its app: ' +
        'it appears once a contact is attached (identify the user, then group again).',
    );
  });

  it('shows every attempt with its error, warnings and exchanges, the warnings up front, and links back', async () => {
    fakeApi().on('GET /api/deliveries/12', { body: detail() });
    renderAt(<DeliveryDetailPage deliveryId="12" />, '/deliveries/12?list=state%3Drejected%26person%3Dann');

    const warnings = await screen.findByRole('note', { name: 'Warnings (1)' });
    expect(within(warnings).getByRole('listitem').textContent).toBe('metadata keys left out (Intercom keeps 10): k11, k12');

    const first = screen.getByRole('article', { name: 'Attempt 1' });
    expect(within(first).getByText('Failed; tried again later')).toBeTruthy();
    expect(within(first).getByText('Intercom answered 503').textContent).toBe('Intercom answered 503 (FERRY_ERR_DESTINATION_UNAVAILABLE)');
    expect(within(first).getByText('POST /events').closest('summary')!.textContent).toContain('503');
    expect(within(first).getByLabelText('Request 1 body').textContent).toBe(JSON.stringify({ event_name: 'Signed Up' }, null, 2));

    const second = screen.getByRole('article', { name: 'Attempt 2' });
    expect(within(second).getByRole('note', { name: 'Warnings of attempt 2' }).textContent).toContain('k11, k12');
    expect(within(second).getByText('POST /events').closest('summary')!.textContent).toContain('202');
    expect(within(second).getByLabelText('Request 1 body').textContent).toBe(JSON.stringify({ event_name: 'Signed Up', user_id: 'ann' }, null, 2));
    expect(within(second).getByLabelText('Answer 1 body').textContent).toBe('null');

    expect(screen.getByLabelText('The event as ferry stored it').textContent).toContain('"plan": "pro"');
    expect(screen.getByRole('link', { name: 'Back to the filtered deliveries' }).getAttribute('href')).toBe('/destinations/intercom/deliveries?state=rejected&person=ann');
    expect(screen.getByRole('link', { name: 'Every delivery of ann' }).getAttribute('href')).toBe('/destinations/intercom/deliveries?person=ann');
  });

  it('replays itself with POST /api/deliveries/{id}/replay and links the new delivery', async () => {
    const fake = fakeApi()
      .on('GET /api/deliveries/12', { body: detail({ state: 'rejected', lastError: { message: 'no contact in Intercom for this user' } }) })
      .on('POST /api/deliveries/12/replay', { status: 202, body: { id: 13, replayOf: 12 } });
    renderAt(<DeliveryDetailPage deliveryId="12" />, '/deliveries/12');
    const user = userEvent.setup();
    expect((await screen.findByLabelText('Last error')).textContent).toBe('Last error: no contact in Intercom for this user');
    await user.click(screen.getByRole('button', { name: 'Replay this delivery' }));
    const link = await screen.findByRole('link', { name: 'delivery #13' });
    expect(link.getAttribute('href')).toBe('/deliveries/13');
    expect(link.closest('[role="status"]')).toBeTruthy();
    expect(fake.callsTo('POST /api/deliveries/12/replay').map((c) => [c.method, c.path, c.body, c.headers['content-type']])).toEqual([
      ['POST', '/api/deliveries/12/replay', {}, 'application/json'],
    ]);
  });

  it('shows the API’s refusal of a replay, and says why an unfinished delivery cannot be replayed', async () => {
    fakeApi()
      .on('GET /api/deliveries/12', { body: detail({ state: 'rejected' }) })
      .on('POST /api/deliveries/12/replay', { status: 409, body: { error: { code: 'FERRY_ERR_CONFLICT', message: "the mapping 'Track Event' of destination 'intercom' no longer exists: a replay would be rejected" } } })
      .on('GET /api/deliveries/14', { body: { ...detail(), ...delivery(14, { state: 'retrying' }), attemptLog: [] } });
    const { unmount } = renderAt(<DeliveryDetailPage deliveryId="12" />, '/deliveries/12');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Replay this delivery' }));
    expect((await screen.findByRole('alert')).textContent).toContain("The replay failed: the mapping 'Track Event' of destination 'intercom' no longer exists");
    unmount();

    renderAt(<DeliveryDetailPage deliveryId="14" />, '/deliveries/14');
    const button = await screen.findByRole('button', { name: 'Replay this delivery' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByText('It can be replayed once it has finished.')).toBeTruthy();
    expect(screen.getByText('No attempt yet.')).toBeTruthy();
  });

  it('says when the delivery does not exist', async () => {
    fakeApi().on('GET /api/deliveries/99', { status: 404, body: { error: { code: 'FERRY_ERR_NOT_FOUND', message: "delivery '99' does not exist" } } });
    renderAt(<DeliveryDetailPage deliveryId="99" />, '/deliveries/99');
    expect((await screen.findByRole('alert')).textContent).toBe("Delivery 99 could not be loaded: delivery '99' does not exist (FERRY_ERR_NOT_FOUND)");
  });
});
