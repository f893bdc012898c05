// Data events over HTTP: 202 with an empty body, who an event can reach, deduplication and metadata rules.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const sim = useSimulator();

const AT = 1_700_000_000;

/** An error envelope whose single error names the offending field. */
function expectedFieldError(code: string, message: string, field: string) {
  return { type: 'error.list', request_id: expect.any(String), errors: [{ code, message, field }] };
}

async function createContact(body: Record<string, unknown>) {
  const res = await sim.api('POST', '/contacts', body);
  expect(res.status).toBe(200);
  return res.body;
}

const storedEvents = async () => (await sim.state()).events as any[];

/** Posts an event and checks Intercom's answer to an accepted one: 202 and not a byte of body. */
async function track(body: Record<string, unknown>) {
  const res = await sim.api('POST', '/events', body);
  expect(res.status).toBe(202);
  expect(res.text).toBe('');
  return res;
}

describe('POST /events', () => {
  it('accepts an event for a user found by user_id, email or id with 202 and an empty body', async () => {
    const user = await createContact({ email: 'ann@example.com', external_id: 'u-1' });
    await track({ event_name: 'by-user-id', created_at: AT, user_id: 'u-1' });
    await track({ event_name: 'by-email', created_at: AT, email: 'ann@example.com' });
    await track({ event_name: 'by-id', created_at: AT, id: user.id });
    expect(await storedEvents()).toEqual([
      { contact_id: user.id, event_name: 'by-user-id', created_at: AT, metadata: {} },
      { contact_id: user.id, event_name: 'by-email', created_at: AT, metadata: {} },
      { contact_id: user.id, event_name: 'by-id', created_at: AT, metadata: {} },
    ]);
  });

  it('stores the metadata with the event', async () => {
    const user = await createContact({ external_id: 'u-1' });
    const metadata = {
      source: 'desktop',
      load: 3.67,
      contact_date: 1_392_036_272,
      article: 'https://example.org/ab1de.html',
      paid: true,
      coupon: null,
    };
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-1', metadata });
    expect(await storedEvents()).toEqual([{ contact_id: user.id, event_name: 'ordered', created_at: AT, metadata }]);
  });

  it('logs the request with its status', async () => {
    await createContact({ external_id: 'u-1' });
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-1' });
    const logged = (await sim.requests()).filter((r) => r.path === '/events');
    expect(logged).toEqual([
      expect.objectContaining({
        method: 'POST', status: 202, body: { event_name: 'ordered', created_at: AT, user_id: 'u-1' },
      }),
    ]);
  });

  it('answers 404 not_found "User Not Found" for an unknown person and stores nothing', async () => {
    await createContact({ email: 'ann@example.com', external_id: 'u-1' });
    for (const person of [{ user_id: 'u-2' }, { email: 'bob@example.com' }, { id: '5f0000000000000000000000' }]) {
      const res = await sim.api('POST', '/events', { event_name: 'ordered', created_at: AT, ...person });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expectedError('not_found', 'User Not Found'));
    }
    expect(await storedEvents()).toEqual([]);
  });

  it('reaches a lead only by id, never by email', async () => {
    const lead = await createContact({ role: 'lead', email: 'lead@example.com' });
    const byEmail = await sim.api('POST', '/events', { event_name: 'viewed', created_at: AT, email: 'lead@example.com' });
    expect(byEmail.status).toBe(404);
    expect(byEmail.body).toEqual(expectedError('not_found', 'User Not Found'));

    await track({ event_name: 'viewed', created_at: AT, id: lead.id });
    expect(await storedEvents()).toEqual([{ contact_id: lead.id, event_name: 'viewed', created_at: AT, metadata: {} }]);
  });

  it('gives an event sent by email to the user when a lead shares the email', async () => {
    await createContact({ role: 'lead', email: 'ann@example.com' });
    const user = await createContact({ email: 'ann@example.com' });
    await track({ event_name: 'viewed', created_at: AT, email: 'ann@example.com' });
    expect((await storedEvents()).map((e) => e.contact_id)).toEqual([user.id]);
  });

  it('answers 404 for an archived contact however it is named', async () => {
    const user = await createContact({ email: 'ann@example.com', external_id: 'u-1' });
    expect((await sim.api('POST', `/contacts/${user.id}/archive`)).status).toBe(200);
    for (const person of [{ user_id: 'u-1' }, { email: 'ann@example.com' }, { id: user.id }]) {
      const res = await sim.api('POST', '/events', { event_name: 'ordered', created_at: AT, ...person });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expectedError('not_found', 'User Not Found'));
    }
    expect(await storedEvents()).toEqual([]);
  });

  it('accepts a duplicate (same contact, event_name, created_at) with 202 but stores it once and counts it', async () => {
    const user = await createContact({ email: 'ann@example.com', external_id: 'u-1' });
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-1', metadata: { n: 1 } });
    // The same contact named another way is still the same contact.
    await track({ event_name: 'ordered', created_at: AT, email: 'ann@example.com', metadata: { n: 2 } });
    await track({ event_name: 'ordered', created_at: AT, id: user.id });
    const state = await sim.state();
    expect(state.events).toEqual([{ contact_id: user.id, event_name: 'ordered', created_at: AT, metadata: { n: 1 } }]);
    expect(state.duplicate_events).toBe(2);
  });

  it('stores events that differ in contact, name or created_at separately', async () => {
    await createContact({ external_id: 'u-1' });
    await createContact({ external_id: 'u-2' });
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-1' });
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-2' });
    await track({ event_name: 'paid', created_at: AT, user_id: 'u-1' });
    await track({ event_name: 'ordered', created_at: AT + 1, user_id: 'u-1' });
    const state = await sim.state();
    expect(state.events).toHaveLength(4);
    expect(state.duplicate_events).toBe(0);
  });

  it("moves a merged lead's events to the user without storing one the user already has", async () => {
    const lead = await createContact({ role: 'lead', name: 'Lea' });
    const user = await createContact({ external_id: 'u-1' });
    await track({ event_name: 'signed-up', created_at: AT, id: lead.id, metadata: { from: 'lead' } });
    await track({ event_name: 'viewed', created_at: AT, id: lead.id });
    await track({ event_name: 'signed-up', created_at: AT, user_id: 'u-1', metadata: { from: 'user' } });
    expect((await sim.api('POST', '/contacts/merge', { from: lead.id, into: user.id })).status).toBe(200);

    const events = await storedEvents();
    expect(events).toHaveLength(2);
    expect(events).toEqual(expect.arrayContaining([
      { contact_id: user.id, event_name: 'signed-up', created_at: AT, metadata: { from: 'user' } },
      { contact_id: user.id, event_name: 'viewed', created_at: AT, metadata: {} },
    ]));
    // Afterwards the moved event deduplicates like any other of the user's.
    await track({ event_name: 'viewed', created_at: AT, user_id: 'u-1' });
    expect(await storedEvents()).toHaveLength(2);
    expect((await sim.state()).duplicate_events).toBe(1);
  });

  it('keeps only the first 10 metadata keys, in the order sent', async () => {
    await createContact({ external_id: 'u-1' });
    const metadata = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key_${String.fromCharCode(97 + i)}`, i]));
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-1', metadata });
    const [event] = await storedEvents();
    expect(Object.entries(event.metadata)).toEqual(Object.entries(metadata).slice(0, 10));
  });

  it('accepts rich link {url, value} and money {amount, currency} metadata', async () => {
    await createContact({ external_id: 'u-1' });
    const metadata = {
      article: { url: 'https://example.org/ab1de.html', value: 'the dude abides' },
      price: { amount: 34_999, currency: 'eur' },
    };
    await track({ event_name: 'ordered', created_at: AT, user_id: 'u-1', metadata });
    expect((await storedEvents())[0].metadata).toEqual(metadata);
  });

  it('refuses other nested metadata with parameter_invalid naming metadata.<key>', async () => {
    await createContact({ external_id: 'u-1' });
    const message = (key: string) =>
      `Metadata '${key}' must be a string, number, date, link, rich link {url, value} or money {amount, currency}`;
    const cases: Array<[string, unknown]> = [
      ['nested', { a: 1 }],
      ['list', [1, 2]],
      ['link', { url: 'https://example.org', value: 'x', extra: 1 }],
      ['half_link', { url: 'https://example.org' }],
      ['price', { amount: 3.5, currency: 'eur' }],
      ['cost', { amount: '100', currency: 'eur' }],
    ];
    for (const [key, value] of cases) {
      const res = await sim.api('POST', '/events', {
        event_name: 'ordered', created_at: AT, user_id: 'u-1', metadata: { ok: 'fine', [key]: value },
      });
      expect(res.status, key).toBe(400);
      expect(res.body, key).toEqual(expectedFieldError('parameter_invalid', message(key), `metadata.${key}`));
    }
    expect(await storedEvents()).toEqual([]);
  });

  it("refuses metadata keys containing '.' or '$'", async () => {
    await createContact({ external_id: 'u-1' });
    for (const key of ['a.b', '$price']) {
      const res = await sim.api('POST', '/events', {
        event_name: 'ordered', created_at: AT, user_id: 'u-1', metadata: { [key]: 1 },
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        expectedFieldError('parameter_invalid', `Metadata key '${key}' must not contain '.' or '$'`, `metadata.${key}`),
      );
    }
  });

  it("refuses an event_name containing '.' or '$'", async () => {
    await createContact({ external_id: 'u-1' });
    for (const eventName of ['order.placed', '$ordered']) {
      const res = await sim.api('POST', '/events', { event_name: eventName, created_at: AT, user_id: 'u-1' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        expectedFieldError('parameter_invalid', "event_name must not contain '.' or '$'", 'event_name'),
      );
    }
    expect(await storedEvents()).toEqual([]);
  });

  it('refuses an event without event_name, created_at or a person', async () => {
    await createContact({ external_id: 'u-1' });
    const noName = await sim.api('POST', '/events', { created_at: AT, user_id: 'u-1' });
    expect(noName.status).toBe(400);
    expect(noName.body).toEqual(expectedFieldError('parameter_not_found', 'event_name is required', 'event_name'));

    const emptyName = await sim.api('POST', '/events', { event_name: '', created_at: AT, user_id: 'u-1' });
    expect(emptyName.status).toBe(400);
    expect(emptyName.body).toEqual(expectedFieldError('parameter_not_found', 'event_name is required', 'event_name'));

    const noTime = await sim.api('POST', '/events', { event_name: 'ordered', user_id: 'u-1' });
    expect(noTime.status).toBe(400);
    expect(noTime.body).toEqual(expectedFieldError('parameter_not_found', 'created_at is required', 'created_at'));

    const noPerson = await sim.api('POST', '/events', { event_name: 'ordered', created_at: AT });
    expect(noPerson.status).toBe(400);
    expect(noPerson.body).toEqual(expectedError('parameter_not_found', 'One of id, user_id or email is required'));
    expect(await storedEvents()).toEqual([]);
  });

  it('refuses created_at that is not unix seconds', async () => {
    await createContact({ external_id: 'u-1' });
    for (const createdAt of ['now', '1700000000', -1]) {
      const res = await sim.api('POST', '/events', { event_name: 'ordered', created_at: createdAt, user_id: 'u-1' });
      expect(res.status).toBe(400);
      const message = createdAt === -1 ? 'created_at is out of range' : 'created_at must be an integer';
      expect(res.body).toEqual(expectedFieldError('parameter_invalid', message, 'created_at'));
    }
  });

  it("refuses an unknown field with bad_request \"bad 'x' parameter\"", async () => {
    await createContact({ external_id: 'u-1' });
    const res = await sim.api('POST', '/events', { event_name: 'ordered', created_at: AT, user_id: 'u-1', x: 1 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('bad_request', "bad 'x' parameter"));
    expect(await storedEvents()).toEqual([]);
  });

  it('answers a body that is not a JSON object with the error envelope', async () => {
    const notJson = await sim.api('POST', '/events', undefined, { raw: 'event_name=ordered' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual(expectedError('bad_request', 'The request body is not valid JSON'));

    const list = await sim.api('POST', '/events', [{ event_name: 'ordered' }]);
    expect(list.status).toBe(400);
    expect(list.body).toEqual(expectedError('bad_request', 'Request body must be a JSON object'));
  });
});
