// The hot statements of ingest and delivery each find their rows through an index (EXPLAIN QUERY PLAN), never a scan.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_SECRET_KEY } from '../contract/fixtures.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

let store: SqliteStore;
beforeAll(async () => {
  store = await openSqliteStore({ file: ':memory:', secretKey: TEST_SECRET_KEY });
});
afterAll(async () => {
  await store.close();
});

/** The prepared statements a part of the store holds (its private fields), by field name. */
function statementsOf(part: string): Map<string, Database.Statement> {
  const owner = (store as unknown as Record<string, Record<string, unknown>>)[part]!;
  const out = new Map<string, Database.Statement>();
  for (const [name, value] of Object.entries(owner)) {
    if (value !== null && typeof value === 'object' && typeof (value as { source?: unknown }).source === 'string') {
      out.set(name, value as Database.Statement);
    }
  }
  return out;
}

/** EXPLAIN QUERY PLAN of a statement's SQL, every parameter bound to NULL. */
function planOf(sql: string): string[] {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const explain = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (named.length > 0
    ? explain.all(Object.fromEntries(named.map((n) => [n, null])))
    : explain.all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null))) as { detail: string }[];
  return rows.map((row) => row.detail);
}

// A table read whole: "SCAN jobs" (or its alias) with no index, or an index walked from end to end.
const fullScan = (detail: string) => /^SCAN (jobs|events|message_ids|j|e)\b/.test(detail) && !/USING (COVERING )?INDEX jobs_(due|lease_expiry)/.test(detail);

// (The messageId upsert has no plan to show: its conflict target is message_ids' primary key.)
const HOT: Array<[part: string, statement: string]> = [
  ['events', 'insertFirstPendingJob'],
  ['jobs', 'duePending'],
  ['jobs', 'expiredLeases'],
  ['jobs', 'selectLeased'],
  ['jobs', 'selectLeasedJob'],
  ['jobs', 'promoteNext'],
  ['jobs', 'earliestDue'],
  ['jobs', 'finishRow'],
  ['jobs', 'retryRow'],
];

it.each(HOT)('%s.%s reads through an index', (part, name) => {
  const statement = statementsOf(part).get(name);
  expect(statement, `${part}.${name} is a prepared statement`).toBeDefined();
  const plan = planOf(statement!.source);
  expect(plan.length).toBeGreaterThan(0);
  expect(plan.filter(fullScan), plan.join('\n')).toEqual([]);
  expect(plan.some((detail) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY/.test(detail)), plan.join('\n')).toBe(true);
});

it('the delivery log filters by action and mapping on the jobs_log index, ordered without a sort', async () => {
  await store.listDeliveries({ destinationId: 'd1', action: 'trackEvent', mapping: 'm' });
  const statements = (store as unknown as { deliveryLog: { statements: Map<string, Database.Statement> } }).deliveryLog.statements;
  const [sql] = [...statements.keys()].filter((key) => key.includes('j.action = @action'));
  const plan = planOf(sql!);
  expect(plan.join('\n')).toContain('USING INDEX jobs_log');
  expect(plan.join('\n')).not.toContain('TEMP B-TREE');
});
