// `ferry delete-person` (R23) as a process: against the data dir when ferry is stopped, the API's way while it runs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { personFromOptions } from './delete-person.js';
import { startFerry } from './start.js';
import { databaseBytes } from './test-support/database-bytes.js';
import { ADMIN_TOKEN, admin, send, startTestFerry, waitFor } from './test-support/ferry.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const USER = 'cli-erase-5521';
const EMAIL = 'cli.erase.5521@example.org';
/** ferry started again on a data dir it ran on before. */
const startAgain = (dataDir: string) =>
  startFerry({ dataDir, port: 0, host: '127.0.0.1', simPort: 0, quiet: true, adminToken: ADMIN_TOKEN, worker: { idlePollMs: 50 } });

const contactsOf = async () => ((await sim.state()).contacts as any[]).map((c) => c.external_id);

describe('ferry delete-person', () => {
  it('tells the operator to use the admin API while ferry runs; erases against the data dir once it is stopped', async () => {
    ferry = await startTestFerry(sim.url);
    const dataDir = join(ferry.dir, 'data');
    expect((await send(ferry.url, '/v1/identify', { userId: USER, traits: { email: EMAIL } })).status).toBe(200);
    expect((await send(ferry.url, '/v1/identify', { userId: 'stays', traits: { email: 'stays@example.org' } })).status).toBe(200);
    await waitFor(async () => (await contactsOf()).length === 2, 10_000, 'the contacts');

    const refused = await runCli(['delete-person', '--user-id', USER, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`ferry (pid ${process.pid}) is running on ${dataDir}: nothing was done here.`);
    expect(refused.stdout).toContain(`-d '{"userId":"${USER}"}' <ferry's URL>/api/people/delete`);
    expect(await contactsOf()).toHaveLength(2);

    await ferry.stop();
    ferry = undefined;
    expect(databaseBytes(dataDir).includes(EMAIL)).toBe(true);
    const erased = await runCli(['delete-person', '--user-id', USER, '--destination', 'intercom', '--data-dir', dataDir]);
    expect(erased.stderr).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(new RegExp(`^erased against the data dir ${dataDir} \\(no ferry process was running\\):\n`));
    const record = JSON.parse(erased.stdout.slice(erased.stdout.indexOf('{')));
    expect(record).toMatchObject({
      actor: 'cli', identifierKind: 'userId', deleted: { events: 1, jobs: 1 },
      destinations: [{ destinationId: 'intercom', status: 'deleted', httpStatus: 200 }],
    });
    expect(await contactsOf()).toEqual(['stays']);
    const bytes = databaseBytes(dataDir);
    expect(bytes.includes(USER)).toBe(false);
    expect(bytes.includes(EMAIL)).toBe(false);
    expect(bytes.includes('stays@example.org')).toBe(true);

    // The next start loads the suppression: the person's events are acknowledged, not stored.
    const restarted = await startAgain(dataDir);
    expect((await send(restarted.url, '/v1/track', { userId: USER, event: 'Back' })).status).toBe(200);
    expect((await admin(restarted.url, 'GET', '/api/people/erasures')).body.erasures).toEqual([record]);
    expect((await admin(restarted.url, 'GET', `/api/destinations/intercom/deliveries?person=${USER}`)).body.items).toEqual([]);
    await restarted.stop();
  });

  it('refuses a command line without exactly one identifier (exit 2), naming the options', async () => {
    const both = await runCli(['delete-person', '--user-id', 'u', '--email', 'a@b.c', '--data-dir', '/nonexistent']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toBe('ferry: give exactly one of --user-id, --anonymous-id or --email (got --user-id and --email)\n');
    expect(() => personFromOptions({})).toThrow('give exactly one of --user-id, --anonymous-id or --email (none was given)');
    expect(() => personFromOptions({ email: 'nope' })).toThrow('--email: not an email address');
    const missing = await runCli(['delete-person', '--user-id', 'u', '--data-dir', '/nonexistent/ferry-data']);
    expect(missing).toMatchObject({ code: 2, stderr: 'ferry: there is no ferry database in /nonexistent/ferry-data (--data-dir)\n' });
  });
});
