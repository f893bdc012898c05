// The Deliveries page: filters send the exact query and live in the URL, a 400 shows at its filter, the list pages on,
// steps and people filter it, bulk replay confirms first and sends the filter.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'wouter';
import { fakeApi, renderAt } from '../../test-support/render.js';
import { DeliveriesPage } from './deliveries-page.js';
import { ACTIONS, delivery, destination, stats } from './delivery-fixtures.js';

vi.mock('./delivery-chart.js', () => ({ DeliveryChart: () => null }));

const LIST = 'GET /api/destinations/intercom/deliveries';
const NOW = new Date('2026-12-04T12:00:00.000Z');

function api(list: Parameters<ReturnType<typeof fakeApi>['on']>[1] = { body: { items: [] } }, dest = destination()) {
  return fakeApi()
    .on('GET /api/destinations/intercom', { body: dest })
    .on('GET /api/actions', { body: ACTIONS })
    .on('GET /api/destinations/intercom/stats', { body: stats() })
    .on(LIST, list);
}

function open(path = '') {
  return renderAt(
    <Route path="/destinations/:id" nest>
      {(params) => <DeliveriesPage id={params.id} />}
    </Route>,
    `/destinations/intercom/deliveries${path}`,
  );
}

/** The query strings the list was asked with, in order, each once. */
const listQueries = (fake: ReturnType<typeof fakeApi>) =>
  [...new Set(fake.callsTo(LIST).map((call) => call.path.split('?')[1] ?? ''))];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('the delivery filters', () => {
  it('send exactly the chosen filters and keep them in the URL', async () => {
    const fake = api();
    const { location } = open();
    const user = userEvent.setup();
    await screen.findByText(/No deliveries yet/);

    await user.click(screen.getByLabelText('Rejected'));
    await user.click(screen.getByLabelText('Retrying'));
    await user.selectOptions(await screen.findByLabelText('Action'), 'Track Event');
    await user.selectOptions(screen.getByLabelText('Mapping'), 'Track Event');
    await user.type(screen.getByLabelText('Person'), 'ann b');
    await user.tab();
    await user.selectOptions(screen.getByLabelText('Time range'), 'Last hour');

    const full = 'state=rejected&state=retrying&action=trackEvent&mapping=Track%20Event&person=ann%20b';
    await waitFor(() => expect(listQueries(fake).at(-1)).toBe(`${full}&from=2026-12-04T11%3A00%3A00.000Z`));
    expect(listQueries(fake)).toEqual([
      '',
      'state=rejected',
      'state=rejected&state=retrying',
      'state=rejected&state=retrying&action=trackEvent',
      'state=rejected&state=retrying&action=trackEvent&mapping=Track%20Event',
      full,
      `${full}&from=2026-12-04T11%3A00%3A00.000Z`,
    ]);
    expect(location.history!.at(-1)).toBe(`/destinations/intercom/deliveries?${full}&range=1h`);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(location.history!.at(-1)).toBe('/destinations/intercom/deliveries');
  });

  it('read the filters back from the URL (a shared link, a reload)', async () => {
    const fake = api();
    open('?state=rejected&person=ann&range=24h&action=trackEvent');
    expect(await screen.findByText(/No delivery matches these filters/)).toBeTruthy();
    expect((screen.getByLabelText('Rejected') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Delivered') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Person') as HTMLInputElement).value).toBe('ann');
    expect((screen.getByLabelText('Time range') as HTMLSelectElement).value).toBe('24h');
    await waitFor(() => expect((screen.getByLabelText('Action') as HTMLSelectElement).value).toBe('trackEvent'));
    expect(listQueries(fake)).toEqual(['state=rejected&action=trackEvent&person=ann&from=2026-12-03T12%3A00%3A00.000Z']);
    expect(fake.callsTo('GET /api/destinations/intercom/stats')[0]!.path).toBe('/api/destinations/intercom/stats?bucket=minute&from=2026-12-03T12%3A01%3A00.000Z');
  });

  it('show the API’s 400 at the filter it names', async () => {
    api((call) => call.path.includes('to=')
      ? { status: 400, body: { error: { code: 'FERRY_ERR_REQUEST_INVALID', message: 'querystring.to must be later than from', path: 'to' } } }
      : { body: { items: [] } });
    open();
    const user = userEvent.setup();
    await screen.findByText(/No deliveries yet/);
    await user.selectOptions(screen.getByLabelText('Time range'), 'Custom…');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-04T10:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-04T09:00' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Filter deliveries' }));

    const to = screen.getByLabelText('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(to.getAttribute('aria-describedby')!)!;
    expect(within(message).getByRole('alert').textContent).toBe('querystring.to must be later than from at to (FERRY_ERR_REQUEST_INVALID)');
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText('The list could not be loaded: correct the filter marked above.')).toBeTruthy();
  });
});

describe('the delivery filters from a bad address', () => {
  it('show a state the API refuses at the state filter', async () => {
    api((call) => call.path.includes('state=lost')
      ? { status: 400, body: { error: { code: 'FERRY_ERR_REQUEST_INVALID', message: 'querystring.state.0 must be equal to one of the allowed values', path: 'state.0' } } }
      : { body: { items: [] } });
    open('?state=lost');
    const states = await screen.findByRole('group', { name: 'State' });
    expect((await within(states).findByRole('alert')).textContent).toBe(
      'querystring.state.0 must be equal to one of the allowed values at state.0 (FERRY_ERR_REQUEST_INVALID)');
  });
});

describe('the delivery list', () => {
  const first = [
    delivery(9, { person: 'ann', state: 'rejected', attempts: 3, lastError: { message: 'no contact in Intercom for this user' } }),
    delivery(8, { person: 'anon-7', eventType: 'identify', mapping: 'Identify Contact', action: 'identifyContact', warnings: ['custom attribute plan_x dropped'], state: 'delivered-with-warnings' }),
  ];
  const second = [delivery(7, { person: 'bob', mapping: null, action: null, state: 'filtered', finishedAt: null })];

  it('shows each delivery in a row, loads more with the cursor, and filters by a person', async () => {
    const fake = api((call) => ({ body: call.path.includes('cursor=c2') ? { items: second } : { items: first, nextCursor: 'c2' } }));
    const { location } = open();
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Deliveries, newest first' });
    const rows = () => within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').slice(1).map((cell) => cell.textContent));
    expect(rows()).toEqual([
      ['ann', 'track', 'Track EventtrackEvent', 'Rejected', '3', 'no contact in Intercom for this user'],
      ['anon-7', 'identify', 'Identify ContactidentifyContact', 'Delivered with warnings', '1', 'custom attribute plan_x dropped'],
    ]);
    expect(within(table).getByRole('link', { name: /^Delivery 9,/ }).getAttribute('href')).toBe('/deliveries/9');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2]).toEqual(['bob', 'track', 'no mapping', 'Filtered', '1', 'No enabled mapping matched the event.']);
    expect(listQueries(fake)).toEqual(['', 'cursor=c2']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(within(table).getByRole('link', { name: 'anon-7' }));
    expect(location.history!.at(-1)).toBe('/destinations/intercom/deliveries?person=anon-7');
    await waitFor(() => expect(listQueries(fake).at(-1)).toBe('person=anon-7'));
    const detailLink = (await screen.findAllByRole('link', { name: /^Delivery 9,/ }))[0]!;
    expect(detailLink.getAttribute('href')).toBe('/deliveries/9?list=person%3Danon-7');
  });

  it('sets the state filter from a step of the overview, and says a paused destination’s deliveries wait', async () => {
    const fake = api({ body: { items: first } }, destination({ pausedReason: 'Intercom refused the access token (401)' }));
    const { location } = open();
    const user = userEvent.setup();
    expect((await screen.findByText(/Deliveries wait while this destination is paused/)).closest('p')!.textContent).toContain('(Intercom refused the access token (401))');
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/destinations/intercom/settings');
    const failed = await screen.findByRole('button', { name: /Failed delivery/ });
    expect(failed.textContent).toContain('2');
    await user.click(failed);
    expect(location.history!.at(-1)).toBe('/destinations/intercom/deliveries?state=rejected');
    expect(screen.getByRole('button', { name: /Failed delivery/ }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Per hour' }));
    await waitFor(() => expect(fake.callsTo('GET /api/destinations/intercom/stats').at(-1)!.path).toBe('/api/destinations/intercom/stats?bucket=hour'));
    expect(screen.getByRole('button', { name: 'Per hour' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(screen.getByRole('button', { name: /Successful delivery/ }));
    await waitFor(() => expect(listQueries(fake).at(-1)).toBe('state=delivered&state=delivered-with-warnings'));
    expect(screen.getByText(/Since .*, per minute: 3 delivered, 1 delivered with warnings, 2 rejected, 1 filtered\./)).toBeTruthy();
  });

  it('replays the rejected deliveries matching the filter after saying how many', async () => {
    const fake = api((call) => ({
      body: call.path.includes('limit=500')
        ? { items: [delivery(9, { state: 'rejected' }), delivery(6, { state: 'rejected' }), delivery(5, { state: 'rejected', replayedBy: 11 })] }
        : { items: first },
    })).on('POST /api/destinations/intercom/deliveries/replay', { status: 202, body: { count: 2, ids: [20, 21], limit: 10000, more: false, skipped: 0 } });
    open('?state=rejected&person=ann');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Replay rejected deliveries…' }));
    const confirm = await screen.findByRole('group', { name: 'Confirm the replay' });
    await within(confirm).findByText(/Replay 2 rejected deliveries matching/);
    expect(confirm.textContent).toContain('person ann');
    expect(fake.calls.filter((c) => c.path.includes('limit=500')).map((c) => c.path)).toEqual([
      '/api/destinations/intercom/deliveries?state=rejected&person=ann&limit=500',
    ]);
    expect(fake.callsTo('POST /api/destinations/intercom/deliveries/replay')).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Replay 2 rejected deliveries' }));
    const answer = await screen.findByText('Replaying 2 deliveries; they show in the list as they are sent.');
    expect(answer.closest('[role="status"]')).toBeTruthy();
    expect(fake.callsTo('POST /api/destinations/intercom/deliveries/replay').map((c) => c.body)).toEqual([{ person: 'ann' }]);
  });
});
