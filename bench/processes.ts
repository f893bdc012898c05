// Child processes of the bench: `ferry start` (built CLI) and the bare fastify server; their URL and memory (RSS).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Child {
  url: string;
  pid: number;
  /** Peak resident memory so far, in bytes (the kernel's VmHWM), or undefined off Linux. */
  peakRss(): number | undefined;
  /** CPU time the process used so far (user + system), in seconds, or undefined off Linux. */
  cpuSeconds(): number | undefined;
  /** SIGTERM, then waits for the exit; returns the peak RSS seen just before. */
  stop(): Promise<number | undefined>;
}

/** Reads a field of /proc/<pid>/status in bytes (VmRSS, VmHWM). */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = 100; // USER_HZ: what /proc reports times in on every Linux architecture Node runs on

/** utime + stime of /proc/<pid>/stat, in seconds. */
export function procCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function waitForUrl(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(match[1]!);
      } else if (seen.length > 100_000) seen = seen.slice(-10_000);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited before listening (code ${code}); output:\n${seen.slice(-2_000)}`)));
  });
}

function wrap(child: ChildProcess, url: string): Child {
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid,
    peakRss: () => procStatusBytes(pid, 'VmHWM'),
    cpuSeconds: () => procCpuSeconds(pid),
    stop: async () => {
      const peak = procStatusBytes(pid, 'VmHWM');
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      return peak;
    },
  };
}

// One key for every ferry of a run: the delivery ferry reads the settings the ingest ferry sealed in the same data dir.
const SECRET_KEY = randomBytes(32).toString('hex');

/** `node dist/ferry.mjs start` on an ephemeral port (on PostgreSQL with `databaseUrl`); logs above `warn` are dropped (they go to this process's stderr). */
export async function startFerryChild(options: {
  config: string; dataDir: string; expectPause?: boolean; databaseUrl?: string;
  /** Writes a V8 CPU profile of the process into this directory when it exits (`node --cpu-prof`). */
  cpuProfDir?: string;
}): Promise<Child> {
  const store = options.databaseUrl ? ['--database-url', options.databaseUrl] : [];
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const child = spawn(
    process.execPath,
    [...profile, 'dist/ferry.mjs', 'start', '--config', options.config, '--data-dir', options.dataDir, '--port', '0', '--host', '127.0.0.1', ...store],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FERRY_LOG_LEVEL: 'warn', FERRY_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef', FERRY_SECRET_KEY: SECRET_KEY, FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' } },
  );
  child.stdout!.on('data', (chunk: Buffer) => {
    // pino writes JSON lines to stdout; warnings and errors are worth showing, the banner is not.
    for (const line of chunk.toString().split('\n')) {
      if (!line.startsWith('{') || (options.expectPause && line.includes('"msg":"Intercom refused the credentials'))) continue;
      process.stderr.write(`  [ferry] ${line.slice(0, 400)}\n`);
    }
  });
  return wrap(child, await waitForUrl(child, /ferry is running: (http:\/\/\S+)/, 'ferry'));
}

/** The bare fastify server of bench/bare-server.ts, in its own process like ferry. */
export async function startBareChild(): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return wrap(child, await waitForUrl(child, /listening on (http:\/\/\S+)/, 'the bare server'));
}
