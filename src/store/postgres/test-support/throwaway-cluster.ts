// A throw-away PostgreSQL server for tests and the bench: initdb into a temp dir, served on 127.0.0.1 at a free port,
// run as the `postgres` user when this process is root (the server refuses root); stopped and removed at the end; it
// can be halted and started again on the same data (a database restart in mid-load).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface ThrowawayCluster {
  /** postgres://ferry@127.0.0.1:PORT/postgres — the superuser `ferry`, no password (trust on loopback). */
  url: string;
  stop(): Promise<void>;
  /** Shuts the server down (fast shutdown: sessions ended, transactions rolled back), keeping its data. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data. */
  resume(): Promise<void>;
}

/** The folder holding `initdb` and `postgres`: Debian's newest /usr/lib/postgresql/N/bin, else one on PATH. */
export function findPostgresBin(): string | undefined {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const candidates = [...versions.map((v) => join(debian, v, 'bin')), ...(process.env.PATH ?? '').split(delimiter)];
  return candidates.find((dir) => dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

/** The postgres user's ids when this process is root (the server refuses to run as root), else nothing to change. */
function serverUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilAccepting(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start (code ${server.exitCode}): ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 20 s: ${(error as Error).message}; ${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface ClusterOptions {
  /** Keep fsync and full-page writes on (a bench comparing with SQLite's synchronous=FULL); default off, for tests. */
  durable?: boolean;
}

export async function startThrowawayCluster(options: ClusterOptions = {}): Promise<ThrowawayCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: no initdb/postgres found (Debian: apt-get install postgresql)');
  const root = mkdtempSync(join(tmpdir(), 'ferry-pg-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const user = serverUser();
  if ('uid' in user) {
    chownSync(root, user.uid, user.gid);
    chownSync(dataDir, user.uid, user.gid);
  }
  execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'ferry', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    stdio: 'pipe', cwd: root, ...user,
  });
  const port = await freePort();
  // Durability settings off unless asked: a test server's data is thrown away (the crash tests restart it cleanly).
  const durability = options.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off'];
  const url = `postgres://ferry@127.0.0.1:${port}/postgres`;
  let output = '';
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn(join(bin, 'postgres'), [
      '-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', root, ...durability, '-c', 'max_connections=300',
    ], { stdio: ['ignore', 'ignore', 'pipe'], cwd: root, ...user });
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    try {
      await waitUntilAccepting(url, child, () => output);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return child;
  };
  const halt = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT'); // fast shutdown
    await exited;
  };
  let server: ChildProcess;
  try {
    server = await launch();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      await halt(server);
      rmSync(root, { recursive: true, force: true });
    },
    halt: () => halt(server),
    async resume() {
      server = await launch();
    },
  };
}
