// Test support for the whole pipeline: ferry started in this process on a temp data dir, delivering to a simulator.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerry } from '../start.js';
import type { JobQueueStore } from '../../store/types.js';
import type { RetrySettings } from '../../config/model.js';
import type { WorkerOptions } from '../../deliver/worker.js';

export const WRITE_KEY = 'test-write-key';
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export function tempDir(prefix = 'ferry-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const TEST_RETRY: Required<RetrySettings> = { baseDelayMs: 20, maxDelayMs: 200, maxAgeSeconds: 120 };

/**
 * A config with one source and one destination pointed at `simUrl`; `extra` is YAML appended to the destination,
 * `retry` overrides parts of its retry settings (TEST_RETRY).
 */
export function writeConfig(dir: string, simUrl: string, extra = '', retry: RetrySettings = {}): string {
  const { baseDelayMs, maxDelayMs, maxAgeSeconds } = { ...TEST_RETRY, ...retry };
  const file = join(dir, 'ferry.config.yaml');
  writeFileSync(
    file,
    [
      'sources:',
      `  - id: web`,
      `    writeKey: ${WRITE_KEY}`,
      'destinations:',
      '  - id: intercom',
      '    type: intercom',
      '    settings:',
      '      accessToken: sim_token',
      `      endpoint: ${simUrl}`,
      `      retry: { baseDelayMs: ${baseDelayMs}, maxDelayMs: ${maxDelayMs}, maxAgeSeconds: ${maxAgeSeconds} }`,
      extra,
    ].join('\n'),
  );
  return file;
}

export interface TestFerryOptions {
  extraConfig?: string;
  worker?: Partial<WorkerOptions>;
  /** Overrides parts of the destination's retry settings (TEST_RETRY), e.g. a short maxAgeSeconds. */
  retry?: RetrySettings;
  /**
   * true: started with `--config`, the file managing what it lists (the admin API refuses changes to it); default:
   * `--seed-config`, the file applied to the new database and the admin API free to change everything.
   */
  managedConfig?: boolean;
  /** postgres://… : the PostgreSQL store instead of SQLite. */
  databaseUrl?: string;
  /** The data dir (default: a new one); a restart passes the previous run's. */
  dir?: string;
}

export async function startTestFerry(simUrl: string, options: TestFerryOptions = {}) {
  const dir = options.dir ?? tempDir();
  const ferry = await startFerry({
    [options.managedConfig ? 'config' : 'seedConfig']: writeConfig(dir, simUrl, options.extraConfig, options.retry),
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    simPort: 0,
    quiet: true,
    adminToken: ADMIN_TOKEN,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    worker: { idlePollMs: 50, ...options.worker },
  });
  return { ...ferry, dir };
}

/** Calls the admin API with the test admin token. */
export async function admin(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as any };
}

/** POSTs to the tracking API with the test write key. */
export async function send(url: string, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Jobs still waiting or in flight (0 once everything queued is finished). */
export async function unfinishedJobs(store: Pick<JobQueueStore, 'jobStateCounts'>): Promise<number> {
  const counts = await store.jobStateCounts();
  return (counts.pending ?? 0) + (counts.leased ?? 0);
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition', everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
