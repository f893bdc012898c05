// End to end: a track for an unknown user is retried, then rejected; the contact appears; a replay delivers it.
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { ADMIN_TOKEN, admin, send, startTestFerry, waitFor } from '../../commands/test-support/ferry.js';
import { USER_NOT_FOUND_REASON } from '../../destinations/intercom/track-event/index.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

/** The raw answer, checked for secrets (the Intercom token, an Authorization header, the admin token). */
async function getClean(url: string, path: string) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const text = await response.text();
  for (const secret of ['sim_token', 'authorization', ADMIN_TOKEN]) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  return JSON.parse(text) as any;
}

it('replays a rejected track once the contact exists: delivered, both histories shown, counted in the stats', async () => {
  // A long idle poll: only the replay route's wake can make the worker pick the replay up within the wait below.
  ferry = await startTestFerry(sim.url, { retry: { maxAgeSeconds: 1 }, worker: { idlePollMs: 60_000 } });
  const { url } = ferry;
  const list = '/api/destinations/intercom/deliveries';
  expect((await send(url, '/v1/track', { userId: 'ghost', event: 'Signed Up', properties: { plan: 'pro' } })).status).toBe(200);
  await waitFor(async () => (await admin(url, 'GET', `${list}?state=rejected`)).body.items.length === 1, 15_000, 'the rejection');

  const [rejected] = (await admin(url, 'GET', `${list}?state=rejected`)).body.items;
  expect(rejected).toMatchObject({ mapping: 'Track Event', action: 'trackEvent', person: 'ghost', lastError: { message: USER_NOT_FOUND_REASON } });
  expect(rejected.attempts).toBeGreaterThanOrEqual(2);
  const original = await getClean(url, `/api/deliveries/${rejected.id}`);
  expect(original.attemptLog).toHaveLength(rejected.attempts);
  for (const attempt of original.attemptLog) {
    expect(attempt.requests).toEqual([{
      method: 'POST', url: `${sim.url}/events`, status: 404, durationMs: expect.any(Number),
      body: { event_name: 'Signed Up', created_at: expect.any(Number), user_id: 'ghost', metadata: { plan: 'pro' } },
      response: { type: 'error.list', request_id: expect.any(String), errors: [{ code: 'not_found', message: 'User Not Found' }] },
    }]);
  }
  expect(original.attemptLog.at(-1)).toMatchObject({ status: 'rejected', error: { message: USER_NOT_FOUND_REASON } });

  expect((await sim.api('POST', '/contacts', { role: 'user', external_id: 'ghost', email: 'ghost@example.com' })).status).toBe(200);
  const replay = await admin(url, 'POST', `/api/deliveries/${rejected.id}/replay`);
  expect(replay).toEqual({ status: 202, body: { id: expect.any(Number), replayOf: rejected.id } });
  await waitFor(async () => (await admin(url, 'GET', `/api/deliveries/${replay.body.id}`)).body.state === 'delivered', 5_000, 'the replay');

  const delivered = await getClean(url, `/api/deliveries/${replay.body.id}`);
  expect(delivered).toMatchObject({ state: 'delivered', attempts: 1, replayOf: rejected.id, lastError: null, event: original.event });
  expect(delivered.attemptLog).toEqual([{
    number: 1, startedAt: expect.any(String), durationMs: expect.any(Number), status: 'delivered', warnings: [],
    requests: [{ method: 'POST', url: `${sim.url}/events`, status: 202, durationMs: expect.any(Number), body: original.attemptLog[0].requests[0].body, response: null }],
  }]);
  // The original keeps its history; it now points at its replay.
  expect(await getClean(url, `/api/deliveries/${rejected.id}`)).toEqual({ ...original, replayedBy: replay.body.id });
  expect((await sim.state()).events).toEqual([expect.objectContaining({ event_name: 'Signed Up' })]);

  const stats = await getClean(url, '/api/destinations/intercom/stats');
  expect(stats.totals).toEqual({ delivered: 1, 'delivered-with-warnings': 0, retrying: 0, rejected: 1, filtered: 0, queued: 0 });
});
