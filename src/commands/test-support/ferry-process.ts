// Test support: `ferry start` as a real child process (the CLI through tsx), for tests that kill or restart nodes.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN } from './ferry.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** One secret key for every node of a test database: each reads the secrets the others seal. */
export const NODES_SECRET_KEY = '5e'.repeat(32);

export interface FerryProcess {
  url: string;
  child: ChildProcess;
  /** The node id its data dir holds (created at its first start). */
  nodeId: string;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<void>;
  /** SIGKILL: no shutdown, leases and requests in flight left as they are. */
  kill(): Promise<void>;
  /** SIGTERM: deliveries in flight finish and are recorded. */
  stop(): Promise<void>;
}

const running = new Set<FerryProcess>();

/** Starts `ferry start --config <config> --data-dir <dataDir> [--database-url]` on a free port; resolves once it listens. */
export async function startFerryProcess(options: { config: string; dataDir: string; databaseUrl?: string }): Promise<FerryProcess> {
  const store = options.databaseUrl ? ['--database-url', options.databaseUrl] : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'start', '--config', options.config, '--data-dir', options.dataDir, '--port', '0', ...store],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FERRY_LOG_LEVEL: 'warn', FERRY_ADMIN_TOKEN: ADMIN_TOKEN, FERRY_SECRET_KEY: NODES_SECRET_KEY },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stderr!.on('data', keep);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /ferry is running: (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code, signal) => reject(new Error(`ferry exited (${code ?? signal}) before listening:\n${output}`)));
  });
  let signalled = false;
  // A node that dies by itself is a defect the test should show: its last output goes to the test's stderr.
  child.once('exit', (code, signal) => {
    if (!signalled) process.stderr.write(`ferry (${options.dataDir}) exited by itself (${code ?? signal}):\n${output.slice(-4_000)}\n`);
  });
  const signal = async (name: NodeJS.Signals) => {
    signalled = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
    running.delete(node);
  };
  const node: FerryProcess = {
    url, child, exited,
    nodeId: readFileSync(join(options.dataDir, 'node-id'), 'utf8').trim(),
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
  running.add(node);
  return node;
}

/** Stops every process still running (an afterEach: a failed test leaves none behind). */
export async function stopFerryProcesses(): Promise<void> {
  await Promise.all([...running].map((node) => node.stop()));
}
