// POST /contacts/search over HTTP: answer shape, cursor pagination, errors, archived/deleted contacts, search-index lag.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const sim = useSimulator();

const byEmail = (email: string) => ({ field: 'email', operator: '=', value: email });

function search(query: unknown, pagination?: unknown) {
  return sim.api('POST', '/contacts/search', pagination === undefined ? { query } : { query, pagination });
}

async function create(body: Record<string, unknown>) {
  const res = await sim.api('POST', '/contacts', body);
  expect(res.status).toBe(200);
  return res.body as { id: string; email: string | null };
}

/** Ids a search answers (and the answer's status must be 200). */
async function foundIds(query: unknown): Promise<string[]> {
  const res = await search(query);
  expect(res.status).toBe(200);
  return res.body.data.map((c: { id: string }) => c.id);
}

async function setSearchLag(ms: number) {
  const res = await sim.control('POST', '/faults', { searchLagMs: ms });
  expect(res.status).toBe(200);
  expect(res.body.searchLagMs).toBe(ms);
}

/** Sleeps until `ms` after `since` (a Date.now() value). */
const sleepUntil = (since: number, ms: number) => sleep(Math.max(0, since + ms - Date.now()));

describe('POST /contacts/search: answer', () => {
  it('answers a list of contacts with total_count and pages (per_page 50 by default, no next on the only page)', async () => {
    const ada = await create({ email: 'ada@example.com', name: 'Ada' });
    const bob = await create({ external_id: 'bob-1', email: 'bob@example.com' });
    await create({ role: 'lead', email: 'lead@example.com' });
    await create({ email: 'other@elsewhere.org' });

    const res = await search({
      operator: 'AND',
      value: [{ field: 'role', operator: '=', value: 'user' }, { field: 'email', operator: '$', value: '@example.com' }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      type: 'list',
      data: [
        expect.objectContaining({ type: 'contact', id: ada.id, role: 'user', email: 'ada@example.com', name: 'Ada' }),
        expect.objectContaining({ type: 'contact', id: bob.id, external_id: 'bob-1', workspace_id: 'sandbox1' }),
      ],
      total_count: 2,
      pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 },
    });
  });

  it('answers an empty list when nothing matches', async () => {
    await create({ email: 'ada@example.com' });
    const res = await search(byEmail('nobody@example.com'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      type: 'list', data: [], total_count: 0, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 0 },
    });
  });

  it('finds an email whatever its case', async () => {
    const ada = await create({ email: 'Ada.Lovelace@Example.com' });
    expect(await foundIds(byEmail('ada.lovelace@example.COM'))).toEqual([ada.id]);
  });
});

describe('POST /contacts/search: pagination', () => {
  it('walks three pages of 2 with the next cursor: every match once, the last page without next', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await create({ email: `page${i}@paging.test` })).id);
    await create({ email: 'outside@elsewhere.org' });
    const query = { field: 'email', operator: '$', value: '@paging.test' };

    const seen: string[] = [];
    const pages: unknown[] = [];
    let startingAfter: string | undefined;
    for (let page = 1; page <= 3; page++) {
      const pagination = startingAfter === undefined ? { per_page: 2 } : { per_page: 2, starting_after: startingAfter };
      const res = await search(query, pagination);
      expect(res.status).toBe(200);
      expect(res.body.total_count).toBe(5);
      pages.push(res.body.pages);
      seen.push(...res.body.data.map((c: { id: string }) => c.id));
      startingAfter = res.body.pages.next?.starting_after;
    }

    expect(pages).toEqual([
      { type: 'pages', page: 1, per_page: 2, total_pages: 3, next: { per_page: 2, starting_after: expect.any(String) } },
      { type: 'pages', page: 2, per_page: 2, total_pages: 3, next: { per_page: 2, starting_after: expect.any(String) } },
      { type: 'pages', page: 3, per_page: 2, total_pages: 3 },
    ]);
    expect(seen).toEqual(created);
  });

  it('continues after the cursor even when the contact it points at was deleted meanwhile', async () => {
    const created: string[] = [];
    for (let i = 0; i < 4; i++) created.push((await create({ email: `page${i}@paging.test` })).id);
    const query = { field: 'email', operator: '$', value: '@paging.test' };
    const first = await search(query, { per_page: 2 });
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual(created.slice(0, 2));

    expect((await sim.api('DELETE', `/contacts/${created[1]}`)).status).toBe(200);
    const second = await search(query, { per_page: 2, starting_after: first.body.pages.next.starting_after });
    expect(second.status).toBe(200);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(created.slice(2));
    expect(second.body.pages.next).toBeUndefined();
  });

  it('accepts per_page 150 and refuses 151, 0 and non-integers', async () => {
    await create({ email: 'ada@example.com' });
    const ok = await search(byEmail('ada@example.com'), { per_page: 150 });
    expect(ok.status).toBe(200);
    expect(ok.body.pages).toMatchObject({ per_page: 150, total_pages: 1 });
    for (const perPage of [151, 0, 2.5, 'many']) {
      const res = await search(byEmail('ada@example.com'), { per_page: perPage });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(expectedError('parameter_invalid', 'per_page must be an integer between 1 and 150'));
    }
  });

  it('refuses a starting_after that is not a cursor it gave out', async () => {
    await create({ email: 'ada@example.com' });
    for (const startingAfter of ['not-a-cursor', '']) {
      const res = await search(byEmail('ada@example.com'), { per_page: 2, starting_after: startingAfter });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(expectedError('parameter_invalid', 'starting_after is not a valid cursor'));
    }
  });
});

describe('POST /contacts/search: invalid queries', () => {
  it.each([
    [{ field: 'favourite_colour', operator: '=', value: 'red' }, "'favourite_colour' is not a field you can search contacts by"],
    [{ field: 'toString', operator: '=', value: 'x' }, "'toString' is not a field you can search contacts by"],
    [{ field: 'email', operator: '>', value: 'a' }, "The operator '>' cannot be used with the string field 'email'"],
    [{ field: 'created_at', operator: '~', value: '2020' }, "The operator '~' cannot be used with the date field 'created_at'"],
    [{ field: 'email', operator: 'IN', value: 'a@b.c' }, 'The IN operator needs an array value'],
    [{ field: 'email', operator: '=' }, "The filter on 'email' has no value"],
    [{ operator: 'AND', value: [] }, 'The AND operator needs a non-empty array of filters as its value'],
    [
      { operator: 'OR', value: Array.from({ length: 16 }, (_, i) => byEmail(`u${i}@example.com`)) },
      'A filter group can hold at most 15 filters',
    ],
    [
      { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [byEmail('a@b.c')] }] }] },
      'Search queries can be nested at most 2 levels deep',
    ],
    ['email = a@b.c', 'A search query must be an object with field, operator and value, or an AND/OR group'],
  ])('answers 400 parameter_invalid for %j', async (query, message) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('parameter_invalid', message));
  });

  it('answers 400 when the body has no query', async () => {
    const res = await sim.api('POST', '/contacts/search', { pagination: { per_page: 5 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject(expectedError('parameter_not_found', 'query is required'));
  });
});

describe('POST /contacts/search: archived and deleted contacts', () => {
  it('leaves archived contacts out, and finds them again once unarchived', async () => {
    const kept = await create({ email: 'kept@archive.test' });
    const archived = await create({ email: 'gone@archive.test' });
    const query = { field: 'email', operator: '$', value: '@archive.test' };
    expect((await sim.api('POST', `/contacts/${archived.id}/archive`)).status).toBe(200);

    const res = await search(query);
    expect(res.body.total_count).toBe(1);
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([kept.id]);

    expect((await sim.api('POST', `/contacts/${archived.id}/unarchive`)).status).toBe(200);
    expect(await foundIds(query)).toEqual([kept.id, archived.id]);
  });

  it('leaves deleted contacts out', async () => {
    const kept = await create({ email: 'kept@delete.test' });
    const deleted = await create({ email: 'gone@delete.test' });
    expect((await sim.api('DELETE', `/contacts/${deleted.id}`)).status).toBe(200);
    expect(await foundIds({ field: 'email', operator: '$', value: '@delete.test' })).toEqual([kept.id]);
    expect(await foundIds({ field: 'id', operator: '=', value: deleted.id })).toEqual([]);
  });
});

describe('POST /contacts/search: search-index lag (POST /_sim/faults {searchLagMs})', () => {
  it('finds a new contact only after the lag, while GET /contacts/{id} finds it at once', async () => {
    await setSearchLag(300);
    const createdAt = Date.now();
    const ada = await create({ email: 'ada@lag.test' });

    expect(await foundIds(byEmail('ada@lag.test'))).toEqual([]);
    const get = await sim.api('GET', `/contacts/${ada.id}`);
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ id: ada.id, email: 'ada@lag.test' });
    // The first search must have run inside the lag, or it proved nothing.
    expect(Date.now() - createdAt).toBeLessThan(300);

    await sleepUntil(createdAt, 400);
    expect(await foundIds(byEmail('ada@lag.test'))).toEqual([ada.id]);
  });

  it('shows an update only after the lag: the old email still matches meanwhile', async () => {
    const ada = await create({ email: 'old@lag.test' });
    await setSearchLag(300);
    const updatedAt = Date.now();
    const put = await sim.api('PUT', `/contacts/${ada.id}`, { email: 'new@lag.test' });
    expect(put.status).toBe(200);

    expect(await foundIds(byEmail('old@lag.test'))).toEqual([ada.id]);
    expect(await foundIds(byEmail('new@lag.test'))).toEqual([]);
    expect((await sim.api('GET', `/contacts/${ada.id}`)).body.email).toBe('new@lag.test');
    expect(Date.now() - updatedAt).toBeLessThan(300);

    await sleepUntil(updatedAt, 400);
    expect(await foundIds(byEmail('old@lag.test'))).toEqual([]);
    const fresh = await search(byEmail('new@lag.test'));
    expect(fresh.body.data).toEqual([expect.objectContaining({ id: ada.id, email: 'new@lag.test' })]);
  });

  it('answers 409 with the first id when the same user is created twice within the lag (the real Intercom race)', async () => {
    await setSearchLag(300);
    const startedAt = Date.now();
    const first = await create({ email: 'race@lag.test', external_id: 'race-1' });
    // A client that searches before creating sees nothing yet and creates again.
    expect(await foundIds(byEmail('race@lag.test'))).toEqual([]);
    const again = await sim.api('POST', '/contacts', { email: 'race@lag.test' });
    const sameExternalId = await sim.api('POST', '/contacts', { external_id: 'race-1' });
    expect(Date.now() - startedAt).toBeLessThan(300);

    const conflict = expectedError('conflict', `A contact matching those details already exists with id=${first.id}`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(conflict);
    expect(sameExternalId.status).toBe(409);
    expect(sameExternalId.body).toEqual(conflict);
  });

  it('keeps a deleted contact searchable until the lag has passed', async () => {
    const ada = await create({ email: 'ada@lag.test' });
    await setSearchLag(300);
    const deletedAt = Date.now();
    expect((await sim.api('DELETE', `/contacts/${ada.id}`)).status).toBe(200);
    expect(await foundIds(byEmail('ada@lag.test'))).toEqual([ada.id]);
    expect((await sim.api('GET', `/contacts/${ada.id}`)).status).toBe(404);
    expect(Date.now() - deletedAt).toBeLessThan(300);

    await sleepUntil(deletedAt, 400);
    expect(await foundIds(byEmail('ada@lag.test'))).toEqual([]);
  });

  it('is back to no lag after POST /_sim/reset', async () => {
    await setSearchLag(300);
    expect((await sim.control('POST', '/reset')).status).toBe(200);
    const ada = await create({ email: 'ada@lag.test' });
    expect(await foundIds(byEmail('ada@lag.test'))).toEqual([ada.id]);
  });
});

describe('useSimulator({ searchLagMs }): lag set at start, kept across resets', () => {
  const lagged = useSimulator({ searchLagMs: 200 });

  it('finds a new contact only after the configured lag', async () => {
    const createdAt = Date.now();
    const res = await lagged.api('POST', '/contacts', { email: 'ada@lag.test' });
    expect(res.status).toBe(200);
    const find = () => lagged.api('POST', '/contacts/search', { query: byEmail('ada@lag.test') });

    expect((await find()).body.total_count).toBe(0);
    expect(Date.now() - createdAt).toBeLessThan(200);
    await sleepUntil(createdAt, 300);
    expect((await find()).body.data.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });
});
