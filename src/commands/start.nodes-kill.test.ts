// Three `ferry start` processes on one PostgreSQL database under load from a real Segment client, one SIGKILLed while
// it holds leases and restarted on its data dir: nothing acknowledged is lost, duplicates stay within what the killed
// node had leased, each person's identify reaches Intercom before their tracks, and the nodes together keep to
// Intercom's rate limit.
import { Analytics } from '@segment/analytics-node';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { freshDatabase, postgresOrSkip } from '../store/postgres/test-support/use-postgres.js';
import { startFerryProcess, stopFerryProcesses, type FerryProcess } from './test-support/ferry-process.js';
import { tempDir, waitFor, WRITE_KEY, writeConfig } from './test-support/ferry.js';

const sim = useSimulator({ rateLimit: { limit: 100, windowSeconds: 1 } });
afterEach(stopFerryProcesses);

const NODES = 3;
const USERS = 900; // identify, then 9 tracks
const LEADS = 100; // anonymous identify, 2 anonymous tracks, sign-up identify, then 6 tracks
const KILLED = 1; // the node killed in mid-load
const T0 = Date.UTC(2026, 0, 1);

type Message = { kind: 'identify' | 'track'; body: Record<string, unknown> };
/** Every event of the test, in three phases: each phase is acknowledged before the next is sent (order per person). */
function workload() {
  const phases: Message[][][] = [[], [], []].map(() => Array.from({ length: NODES }, () => []));
  let n = 0;
  const add = (phase: number, person: number, kind: Message['kind'], body: Record<string, unknown>) => {
    n += 1;
    // A minute apart: ingest's clock-skew correction (receivedAt - sentAt) must not move one onto another's second.
    const timestamp = new Date(T0 + n * 60_000).toISOString();
    const message = kind === 'track' ? { ...body, event: 'Kill Test', properties: { n } } : body;
    phases[phase]![person % NODES]!.push({ kind, body: { ...message, messageId: `m-${n}`, timestamp } });
  };
  for (let p = 0; p < USERS + LEADS; p++) {
    const userId = `user-${p}`;
    const email = `person-${p}@example.com`;
    if (p < USERS) {
      add(0, p, 'identify', { userId, traits: { email, name: `Person ${p}` } });
    } else {
      const anonymousId = `anon-${p}`;
      add(0, p, 'identify', { anonymousId, traits: { email, name: `Lead ${p}` } });
      for (let t = 0; t < 2; t++) add(1, p, 'track', { anonymousId });
      add(1, p, 'identify', { userId, anonymousId, traits: { email, name: `Person ${p}` } });
    }
    for (let t = 0; t < (p < USERS ? 9 : 6); t++) add(2, p, 'track', { userId });
  }
  return { phases, total: n };
}

/** Sends messages through one client; resolves with the messageIds the node acknowledged. */
async function sendAll(client: Analytics, messages: Message[]): Promise<string[]> {
  const results = await Promise.all(messages.map((m) => new Promise<string | undefined>((resolve) => {
    const done = (error?: unknown) => resolve(error ? undefined : (m.body.messageId as string));
    if (m.kind === 'identify') client.identify(m.body as any, done);
    else client.track(m.body as any, done);
  })));
  return results.filter((id): id is string => id !== undefined);
}

it('three nodes, one killed mid-load and restarted: nothing lost, duplicates within its leases, order per person', async (context) => {
  postgresOrSkip(context);
  const databaseUrl = await freshDatabase();
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on('error', () => undefined);
  context.onTestFinished(() => db.end());
  const dir = tempDir('ferry-nodes-');
  const config = writeConfig(dir, sim.url, '', { maxAgeSeconds: 3_600 });
  const dataDirs = Array.from({ length: NODES }, (_, i) => join(dir, `node-${i}`));
  const nodes: FerryProcess[] = [];
  for (const dataDir of dataDirs) nodes.push(await startFerryProcess({ config, dataDir, databaseUrl }));
  const clientFor = (node: FerryProcess) => new Analytics({ writeKey: WRITE_KEY, host: node.url, flushAt: 100, flushInterval: 20, maxRetries: 3 });
  const clients = nodes.map(clientFor);
  const { phases, total } = workload();
  const acked = new Set<string>();
  const send = async (client: Analytics, messages: Message[]) => (await sendAll(client, messages)).forEach((id) => acked.add(id));

  for (const phase of phases.slice(0, 2)) await Promise.all(phase.map((messages, i) => send(clients[i]!, messages)));
  // The last phase (the tracks): the node to be killed gets all of its share, the others half of theirs before the kill.
  const last = phases[2]!;
  const half = (i: number) => Math.floor(last[i]!.length / 2);
  await Promise.all(last.map((messages, i) => send(clients[i]!, i === KILLED ? messages : messages.slice(0, half(i)))));
  await clients[KILLED]!.closeAndFlush();

  const leasedBy = async (nodeId: string) =>
    Number((await db.query("SELECT count(*) AS n FROM jobs WHERE state = 'leased' AND lease_node = $1", [nodeId])).rows[0].n);
  const victim = nodes[KILLED]!;
  await waitFor(async () => (await sim.requests()).length >= 1_500 && (await leasedBy(victim.nodeId)) > 0, 60_000, 'deliveries under way', 200);
  await victim.kill();
  const leasedAtKill = await leasedBy(victim.nodeId);
  expect(leasedAtKill).toBeGreaterThan(0);

  // While it is down the other nodes take the rest of their share and deliver, leaving its leases alone.
  await Promise.all(last.map((messages, i) => (i === KILLED ? undefined : send(clients[i]!, messages.slice(half(i))))));
  expect(await leasedBy(victim.nodeId)).toBe(leasedAtKill);
  nodes[KILLED] = await startFerryProcess({ config, dataDir: dataDirs[KILLED]!, databaseUrl });
  expect(nodes[KILLED].nodeId).toBe(victim.nodeId);
  await Promise.all(clients.map((client) => client.closeAndFlush()));
  expect(acked.size).toBe(total);

  const unfinished = async () =>
    Number((await db.query("SELECT count(*) AS n FROM jobs WHERE state IN ('pending', 'leased')")).rows[0].n);
  await waitFor(async () => (await unfinished()) === 0, 200_000, 'every delivery finished', 1_000);

  // Every acknowledged event is stored once, and its one job was delivered.
  const stored = await db.query('SELECT e.message_id, j.state FROM events e JOIN jobs j ON j.event_id = e.id');
  expect(stored.rows.length).toBe(total);
  expect(new Set(stored.rows.map((r) => r.message_id))).toEqual(acked);
  expect(stored.rows.filter((r) => r.state !== 'delivered')).toEqual([]);

  const requests = await sim.requests();
  const state = await sim.state();
  // Exactly one contact per person, a user with their id and email.
  expect(state.contacts.length).toBe(USERS + LEADS);
  expect(new Set(state.contacts.map((c: any) => `${c.role} ${c.external_id} ${c.email}`)))
    .toEqual(new Set(Array.from({ length: USERS + LEADS }, (_, p) => `user user-${p} person-${p}@example.com`)));
  expect(state.events.length).toBe(total - USERS - 2 * LEADS);

  // Nothing refused but the few 429s the shared budget lets through (no 404 "User Not Found": order kept).
  const refused = requests.filter((r: any) => r.status >= 400);
  expect(refused.filter((r: any) => r.status !== 429)).toEqual([]);
  expect(refused.length).toBeLessThanOrEqual(requests.length / 1_000);

  // Sent twice only if the killed node had it leased.
  const writes = new Map<string, number>();
  for (const r of requests) {
    if (r.status >= 300 || r.method === 'GET' || r.path === '/contacts/search') continue;
    const marker = r.path === '/events' ? `event ${r.body.metadata.n}` : `contact ${r.body.name}`;
    writes.set(marker, (writes.get(marker) ?? 0) + 1);
  }
  const duplicates = [...writes.values()].reduce((sum, count) => sum + count - 1, 0);
  expect(duplicates).toBeLessThanOrEqual(leasedAtKill);

  // For every person, the identify that made them a user reached Intercom before any of their tracks.
  const firstUserWrite = new Map<string, number>();
  for (const r of requests) {
    const externalId = r.status < 300 && r.path.startsWith('/contacts') ? r.body?.external_id : undefined;
    if (externalId && !firstUserWrite.has(externalId)) firstUserWrite.set(externalId, r.seq);
  }
  // (A 429 is logged without its body: it reached nobody.)
  const tracks = requests.filter((r: any) => r.path === '/events' && r.status < 300);
  const early = tracks.filter((r: any) => r.body.user_id && !(firstUserWrite.get(r.body.user_id)! < r.seq));
  expect(early).toEqual([]);
}, 240_000);
