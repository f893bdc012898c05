// End to end (R21, R23): erasing a person through ferry start and the simulator — contact, copies, suppression, log.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { databaseBytes } from '../../commands/test-support/database-bytes.js';
import { admin, send, startTestFerry, waitFor } from '../../commands/test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

const USER = 'erase-me-7731';
const EMAIL = 'erase.me.7731@example.org';
const OTHER = 'keep-me-4410';

/** A second destination on the same simulator whose token Intercom refuses (401). */
const lockedDestination = (simUrl: string) =>
  ['  - id: locked', '    type: intercom', '    settings:', '      accessToken: refused_token', `      endpoint: ${simUrl}`].join('\n');

const contactsOf = async () => ((await sim.state()).contacts as any[]).map((c) => c.external_id);
const deliveriesOf = async (url: string, destination: string, person: string) =>
  (await admin(url, 'GET', `/api/destinations/${destination}/deliveries?person=${person}`)).body.items;

describe('POST /api/people/delete', () => {
  it('deletes the contact, erases every copy from the database files, suppresses later events until lifted', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: lockedDestination(sim.url) });
    const { url } = ferry;
    const dataDir = join(ferry.dir, 'data');
    expect((await send(url, '/v1/identify', { userId: USER, traits: { email: EMAIL, name: 'Eve' } })).status).toBe(200);
    expect((await send(url, '/v1/track', { userId: USER, event: 'Signed Up', properties: { contact: EMAIL } })).status).toBe(200);
    expect((await send(url, '/v1/identify', { userId: OTHER, traits: { email: 'keep@example.org' } })).status).toBe(200);
    await waitFor(async () => (await deliveriesOf(url, 'intercom', USER)).every((d: any) => d.state === 'delivered')
      && (await contactsOf()).includes(USER) && (await contactsOf()).includes(OTHER), 15_000, 'the deliveries');
    // The bytes are there before the erasure: the checks below can fail.
    expect(databaseBytes(dataDir).includes(USER)).toBe(true);
    expect(databaseBytes(dataDir).includes(EMAIL)).toBe(true);

    const erased = await admin(url, 'POST', '/api/people/delete', { userId: USER });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({
      id: 1, at: expect.any(String), actor: 'admin', identifierKind: 'userId', suppressionId: 1,
      deleted: { events: 2, jobs: 4, attempts: expect.any(Number), identities: expect.any(Number) },
      destinations: [
        { destinationId: 'intercom', status: 'deleted', httpStatus: 200 },
        { destinationId: 'locked', status: 'credentials-refused', httpStatus: 401, reason: 'unauthorized: Access Token Invalid' },
      ],
    });
    expect(erased.body.deleted.attempts).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(erased.body)).not.toContain(USER);
    expect(await contactsOf()).toEqual([OTHER]);
    expect(await deliveriesOf(url, 'intercom', USER)).toEqual([]);
    expect(await deliveriesOf(url, 'locked', USER)).toEqual([]);
    const bytes = databaseBytes(dataDir);
    expect(bytes.includes(USER)).toBe(false);
    expect(bytes.includes(EMAIL)).toBe(false);
    expect(bytes.includes(OTHER)).toBe(true);

    // Suppressed: acknowledged like Segment does, never stored nor delivered.
    expect(await send(url, '/v1/track', { userId: USER, event: 'Came Back' })).toEqual({ status: 200, body: { success: true } });
    expect(await send(url, '/v1/batch', { batch: [{ type: 'identify', userId: OTHER, traits: { plan: 'pro' } }, { type: 'identify', anonymousId: 'a-1', traits: { email: 'Erase.Me.7731@example.org' } }] })).toEqual({ status: 200, body: { success: true } });
    await waitFor(async () => (await deliveriesOf(url, 'intercom', OTHER)).filter((d: any) => d.state === 'delivered').length === 2, 10_000, 'the other delivery');
    expect(await deliveriesOf(url, 'intercom', USER)).toEqual([]);
    // An email suppression is only recorded by an erasure by email: this one came through.
    expect(await deliveriesOf(url, 'intercom', 'a-1')).toHaveLength(1);
    expect(databaseBytes(dataDir).includes(USER)).toBe(false);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('ferry_events_suppressed_total{source="web"} 1');

    const suppressions = await admin(url, 'GET', '/api/people/suppressions');
    expect(suppressions).toEqual({ status: 200, body: { suppressions: [{ id: 1, kind: 'userId', hash: expect.stringMatching(/^[0-9a-f]{64}$/), createdAt: expect.any(String) }] } });
    expect((await admin(url, 'GET', '/api/people/erasures')).body).toEqual({ erasures: [erased.body] });

    expect((await admin(url, 'DELETE', '/api/people/suppressions/1')).status).toBe(204);
    expect((await admin(url, 'DELETE', '/api/people/suppressions/1')).status).toBe(404);
    expect((await admin(url, 'GET', '/api/people/suppressions')).body).toEqual({ suppressions: [] });
    expect((await send(url, '/v1/identify', { userId: USER, traits: { name: 'Eve again' } })).status).toBe(200);
    await waitFor(async () => (await contactsOf()).includes(USER), 10_000, 'the contact again');
  });

  it('erases by email: the user Intercom finds by it, events carrying it, and suppresses events with that email', async () => {
    ferry = await startTestFerry(sim.url);
    const { url } = ferry;
    expect((await send(url, '/v1/identify', { userId: USER, traits: { email: EMAIL } })).status).toBe(200);
    await waitFor(async () => (await contactsOf()).includes(USER), 10_000, 'the contact');
    const erased = await admin(url, 'POST', '/api/people/delete', { email: EMAIL.toUpperCase() });
    expect(erased.body).toMatchObject({ identifierKind: 'email', deleted: { events: 1, jobs: 1 }, destinations: [{ destinationId: 'intercom', status: 'deleted', httpStatus: 200 }] });
    expect(await contactsOf()).toEqual([]);
    expect(databaseBytes(join(ferry.dir, 'data')).includes(EMAIL)).toBe(false);

    expect((await send(url, '/v1/identify', { anonymousId: 'anon-9', context: { traits: { email: EMAIL } } })).status).toBe(200);
    expect((await send(url, '/v1/identify', { anonymousId: 'anon-10', traits: { email: 'someone@example.org' } })).status).toBe(200);
    await waitFor(async () => (await deliveriesOf(url, 'intercom', 'anon-10')).length === 1, 10_000, 'the other event');
    expect(await deliveriesOf(url, 'intercom', 'anon-9')).toEqual([]);

    // Erasing someone Intercom does not have is fine: not-found, still erased here and suppressed.
    const again = await admin(url, 'POST', '/api/people/delete', { userId: 'never-seen', destinations: ['intercom'] });
    expect(again.body.destinations).toEqual([{ destinationId: 'intercom', status: 'not-found', httpStatus: 200 }]);
  });

  it.each([
    [{}, 'userId', 'body.userId: give one of userId, anonymousId or email'],
    [{ userId: 'u', email: 'a@b.c' }, 'email', 'body.email: give only one of userId, anonymousId or email (got userId and email)'],
    [{ email: 'not-an-email' }, 'email', 'body.email: not an email address'],
    [{ userId: 'u', destinations: ['intercom', 'nope'] }, 'destinations[1]', "destinations[1]: there is no destination 'nope'"],
    [{ userid: 'u' }, 'userid', 'body.userid is not a known key; did you mean "userId"?'],
    [{ userId: '' }, 'userId', 'body.userId must NOT have fewer than 1 characters'],
  ])('refuses %j with a 400 naming %s, erasing nothing', async (body, path, message) => {
    ferry = await startTestFerry(sim.url);
    expect(await admin(ferry.url, 'POST', '/api/people/delete', body)).toEqual({
      status: 400, body: { error: { code: 'FERRY_ERR_REQUEST_INVALID', message, path } },
    });
    expect((await admin(ferry.url, 'GET', '/api/people/erasures')).body).toEqual({ erasures: [] });
    expect((await admin(ferry.url, 'GET', '/api/people/suppressions')).body).toEqual({ suppressions: [] });
    expect((await admin(ferry.url, 'DELETE', '/api/people/suppressions/abc')).status).toBe(400);
  });
});
