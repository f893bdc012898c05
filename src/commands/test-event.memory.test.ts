// `ferry test-event` remembering like the server: per run by default, a data dir's cache, or a running ferry's.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { SqliteIdentityCache } from '../store/sqlite/index.js';
import { ADMIN_TOKEN, send, startTestFerry, tempDir, unfinishedJobs, waitFor } from './test-support/ferry.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

const VISITOR = JSON.stringify({ type: 'identify', anonymousId: 'anon-1', traits: { email: 'visitor@example.com' } });

function testEvent(args: string[], env: NodeJS.ProcessEnv = {}, event = VISITOR): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'test-event', ...args, '-'], {
      cwd: ROOT, env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(event);
  });
}

/** A config naming the same destination id ('intercom') as the test ferry's, pointed at the simulator. */
function config(): string {
  const file = join(tempDir('ferry-test-event-'), 'ferry.config.yaml');
  writeFileSync(file, `sources:\n  - id: web\n    writeKey: wk\ndestinations:\n  - id: intercom\n    type: intercom\n` +
    `    settings:\n      accessToken: sim_token\n      endpoint: ${sim.url}\n`);
  return file;
}

async function runOk(args: string[], env: NodeJS.ProcessEnv = {}, event = VISITOR) {
  const result = await testEvent(args, env, event);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { identityCache: string; outcomes: any[] };
}

/** What the data dir's identity cache holds for a visitor (read directly from its database). */
async function storedContact(dataDir: string, anonymousId: string) {
  const db = new Database(join(dataDir, 'ferry.db'), { readonly: true });
  try {
    return await new SqliteIdentityCache(db).findContact('intercom', { kind: 'anonymous_id', value: anonymousId });
  } finally {
    db.close();
  }
}

const leads = async () => ((await sim.state()).contacts as any[]).filter((c) => c.role === 'lead');
const contactCalls = async () => (await sim.requests()).filter((r: any) => r.path.startsWith('/contacts')).map((r: any) => `${r.method} ${r.path}`);

describe('ferry test-event and the identity cache', () => {
  it('without --data-dir or --url: the cache is per run, says so, and the same visitor twice makes two leads', async () => {
    const file = config();
    const first = await runOk(['--config', file]);
    expect(first.identityCache).toMatch(/^per run: this run started with an empty identity cache .* give --data-dir DIR or --url URL/);
    await runOk(['--config', file]);
    expect(await leads()).toHaveLength(2);
  });

  it('with --data-dir of a stopped ferry: the second run updates the lead the first created, one lead', async () => {
    ferry = await startTestFerry(sim.url);
    const dataDir = join(ferry.dir, 'data');
    await ferry.stop();
    ferry = undefined;
    const file = config();
    const first = await runOk(['--config', file, '--data-dir', dataDir]);
    expect(first.identityCache).toBe(`the identity cache of the data dir ${dataDir}, read and written like the server's`);
    await runOk(['--config', file, '--data-dir', dataDir]);
    const [lead, ...others] = await leads();
    expect(others).toEqual([]);
    expect(await contactCalls()).toEqual(['POST /contacts', `PUT /contacts/${lead.id}`]);

    // The data dir holds what the runs learned, for the ferry that starts on it next.
    expect(await storedContact(dataDir, 'anon-1')).toEqual({ id: lead.id, role: 'lead' });
  });

  it('with --data-dir of a running ferry: reads its cache (one lead) and writes nothing, saying so', async () => {
    ferry = await startTestFerry(sim.url);
    expect((await send(ferry.url, '/v1/identify', JSON.parse(VISITOR))).status).toBe(200);
    await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 20_000, 'the delivery');
    const [lead] = await leads();
    const dataDir = join(ferry.dir, 'data');

    const result = await runOk(['--config', config(), '--data-dir', dataDir]);
    expect(result.identityCache).toBe(
      `read only: a running ferry (pid ${process.pid}) holds the data dir ${dataDir}, so its identity cache was read but ` +
        'what this run learned was not written; run the event through that ferry with --url to keep it',
    );
    expect(result.outcomes[0]).toMatchObject({ action: 'identifyContact', status: 'delivered' });
    expect(await leads()).toHaveLength(1);
    expect(await contactCalls()).toEqual(['POST /contacts', `PUT /contacts/${lead.id}`]);

    // A visitor the running ferry never saw: test-event creates the lead, but the ferry's cache does not learn it.
    await runOk(['--config', config(), '--data-dir', dataDir], {}, JSON.stringify({ type: 'identify', anonymousId: 'anon-2' }));
    expect(await leads()).toHaveLength(2);
    expect(await ferry.store.identityCache().findContact('intercom', { kind: 'anonymous_id', value: 'anon-2' })).toBeUndefined();
    expect(await storedContact(dataDir, 'anon-1')).toEqual({ id: lead.id, role: 'lead' });
  });

  it('with --url: runs through the ferry\'s Event Tester and its cache, so the same visitor twice makes one lead', async () => {
    ferry = await startTestFerry(sim.url);
    const env = { FERRY_ADMIN_TOKEN: ADMIN_TOKEN };
    const first = await runOk(['--url', ferry.url], env);
    expect(first.identityCache).toBe(`the identity cache of the ferry at ${ferry.url} (its Event Tester ran the event)`);
    expect(first.outcomes.map((o) => [o.action, o.status])).toEqual([
      ['identifyContact', 'delivered'], ['identifyCompany', 'filtered'], ['trackEvent', 'filtered'],
    ]);
    await runOk(['--url', ferry.url, '--destination', 'intercom'], env);
    const [lead, ...others] = await leads();
    expect(others).toEqual([]);
    expect(await contactCalls()).toEqual(['POST /contacts', `PUT /contacts/${lead.id}`]);
  });

  it('refuses what cannot work, naming it (exit 2)', async () => {
    ferry = await startTestFerry(sim.url);
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [['--url', ferry.url], { FERRY_ADMIN_TOKEN: '' }, 'ferry: --url: set FERRY_ADMIN_TOKEN to the admin token of the ferry at that URL\n'],
      [['--url', ferry.url], { FERRY_ADMIN_TOKEN: 'wrong' }, `ferry: GET ${ferry.url}/api/destinations answered 401: `],
      [['--url', ferry.url, '--destination', 'nope'], { FERRY_ADMIN_TOKEN: ADMIN_TOKEN },
        `ferry: POST ${ferry.url}/api/destinations/nope/event-tester answered 404: `],
      [['--url', 'ftp://x'], {}, 'ferry: --url: must be the http(s) URL of a running ferry, got "ftp://x"\n'],
      [['--url', ferry.url, '--config', config()], {}, "ferry: --url runs the event through that ferry's own config and data"],
      [[], {}, 'ferry: give --config FILE (or --url URL of a running ferry)\n'],
      [['--config', config(), '--data-dir', tempDir()], {}, 'ferry: --data-dir '],
    ];
    for (const [args, env, message] of cases) {
      const result = await testEvent(args, env);
      expect([result.code, result.stderr.slice(0, message.length)], args.join(' ')).toEqual([2, message]);
    }
    expect(await leads()).toEqual([]);
  });
});
