// Crash safety: `ferry start` killed with SIGKILL mid-stream and restarted on the same data dir loses nothing
// and sends nothing twice, except requests that were in flight at the moment of the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { tempDir, waitFor, WRITE_KEY, writeConfig } from './test-support/ferry.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Answers take 5 ms and the destination keeps at most CONCURRENCY jobs in flight: delivery (at most 800/s) stays
// behind the ingest, so the kill leaves work to do.
const sim = useSimulator({ rateLimit: { limit: 1_000_000, windowSeconds: 10 }, latencyMs: 5 });
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

const EVENTS = 5_000;
const USERS = 500;
const BATCH = 50;
// settings.maxConcurrency: at most this many jobs in flight, so at most this many requests sent twice.
const CONCURRENCY = 4;

async function startChild(config: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'start', '--config', config, '--data-dir', dataDir, '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', FERRY_LOG_LEVEL: 'warn' } },
  );
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ferry is running: (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`ferry exited (${code}) before starting: ${out}`)));
  });
  return { child, url };
}

const trackEvent = (n: number) => ({
  type: 'track',
  messageId: `crash-${n}`,
  userId: `user-${n % USERS}`,
  event: 'Crash Test',
  timestamp: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
  properties: { n },
});

/** Sends batches from `from`; returns the numbers acknowledged with a 200 (stops quietly when ferry dies). */
async function sendBatches(url: string, from: number, to: number, acked: Set<number>) {
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  for (let start = from; start < to; start += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, to - start) }, (_, i) => start + i);
    try {
      const response = await fetch(`${url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({ batch: numbers.map(trackEvent) }),
      });
      if (response.status === 200) numbers.forEach((n) => acked.add(n));
    } catch {
      return start; // the process is gone: this batch was not acknowledged
    }
  }
  return to;
}

it('loses no acknowledged event and doubles none across a kill -9', async () => {
  for (let u = 0; u < USERS; u++) {
    const res = await sim.api('POST', '/contacts', { external_id: `user-${u}` });
    expect(res.status).toBe(200);
  }
  const dir = tempDir('ferry-crash-');
  const config = writeConfig(dir, sim.url, `      maxConcurrency: ${CONCURRENCY}`);
  const dataDir = join(dir, 'data');
  const acked = new Set<number>();

  const first = await startChild(config, dataDir);
  // Kill while batches are still arriving and deliveries are running.
  const sending = sendBatches(first.url, 0, EVENTS, acked);
  await waitFor(async () => acked.size >= EVENTS / 2, 60_000, 'half the events acknowledged');
  first.child.kill('SIGKILL');
  const resumeAt = await sending;
  // The kill must have left work behind, or the restart would prove nothing.
  const beforeRestart = (await sim.state()).events.length;
  expect(beforeRestart).toBeLessThan(acked.size);

  const second = await startChild(config, dataDir);
  await sendBatches(second.url, resumeAt, EVENTS, acked);
  expect(acked.size).toBeGreaterThanOrEqual(EVENTS - BATCH);

  const delivered = async () => {
    const state = await sim.state();
    return new Set(state.events.map((e: any) => e.metadata.n as number));
  };
  await waitFor(async () => (await delivered()).size >= acked.size, 120_000, 'every acknowledged event in Intercom', 500);
  const inIntercom = await delivered();
  for (const n of acked) expect(inIntercom.has(n), `event ${n}`).toBe(true);
  const state = await sim.state();
  expect(state.events.length).toBe(inIntercom.size);

  // Sent twice only if in flight when the process died: at most the worker's concurrency.
  const sends = new Map<number, number>();
  for (const request of await sim.requests()) {
    if (request.path !== '/events' || request.status !== 202) continue;
    const n = request.body.metadata.n as number;
    sends.set(n, (sends.get(n) ?? 0) + 1);
  }
  const twice = [...sends.values()].filter((count) => count > 1);
  expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
  expect(Math.max(...sends.values())).toBeLessThanOrEqual(2);
  second.child.kill('SIGTERM');
}, 240_000);
