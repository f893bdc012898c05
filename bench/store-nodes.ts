// The store bench's setup: K workspaces (one source and one destination each), N ferry nodes on one store, and the
// job counts read from the store beside them (SQLite read-only, PostgreSQL over its own connection).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { JobsDb } from './jobs-db.js';
import { startFerryChild, type Child } from './processes.js';

export const workspaceToken = (i: number) => `bench_token_${i}`;
export const writeKeyOf = (i: number) => `bench-write-key-${i}`;
export const basicAuthOf = (i: number) => `Basic ${Buffer.from(`${writeKeyOf(i)}:`).toString('base64')}`;

/** Source s<i> feeds destination w<i>, which delivers to workspace i; `pausing` gives tokens the simulator refuses. */
export function writeWorkspacesConfig(dir: string, simUrl: string, workspaces: number, pausing: boolean): string {
  const lines = ['sources:'];
  for (let i = 0; i < workspaces; i++) lines.push(`  - id: s${i}`, `    writeKey: ${writeKeyOf(i)}`);
  lines.push('destinations:');
  for (let i = 0; i < workspaces; i++) {
    lines.push(
      `  - id: w${i}`, '    type: intercom', `    sources: [s${i}]`, '    settings:',
      `      accessToken: ${pausing ? `bench-unknown-token-${i}` : workspaceToken(i)}`, `      endpoint: ${simUrl}`,
    );
  }
  const file = join(dir, pausing ? 'paused.yaml' : 'deliver.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export interface StoreUnderTest {
  label: string;
  /** undefined: SQLite in the first node's data dir. */
  databaseUrl: string | undefined;
}

/** N nodes, one after the other (each applies the config at start; the first also migrates). */
export async function startNodes(
  store: StoreUnderTest, dir: string, config: string, nodes: number, expectPause: boolean, cpuProfDir?: string,
): Promise<Child[]> {
  const started: Child[] = [];
  for (let i = 0; i < nodes; i++) {
    const databaseUrl = store.databaseUrl ? { databaseUrl: store.databaseUrl } : {};
    const profile = cpuProfDir === undefined ? {} : { cpuProfDir };
    started.push(await startFerryChild({ config, dataDir: join(dir, `node${i}`), expectPause, ...databaseUrl, ...profile }));
  }
  return started;
}

export interface JobCounter {
  /** Jobs per state, all destinations. */
  byState(): Promise<Record<string, number>>;
  /** Statements that wrote the shared rate budgets (takes and observations), PostgreSQL only: its cost. */
  budgetWrites(): Promise<number | undefined>;
  close(): Promise<void>;
}

export async function jobCounter(store: StoreUnderTest, dir: string): Promise<JobCounter> {
  if (store.databaseUrl === undefined) {
    const db = new JobsDb(join(dir, 'node0'));
    return { byState: async () => db.counts().byState, budgetWrites: async () => undefined, close: async () => db.close() };
  }
  const client = new pg.Client({ connectionString: store.databaseUrl });
  await client.connect();
  return {
    async byState() {
      const { rows } = await client.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM jobs GROUP BY state');
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },
    async budgetWrites() {
      const { rows } = await client.query<{ n: string }>(
        "SELECT n_tup_ins + n_tup_upd AS n FROM pg_stat_user_tables WHERE relname = 'rate_budgets'",
      );
      return rows[0] === undefined ? undefined : Number(rows[0].n);
    },
    close: () => client.end(),
  };
}

export const unfinishedOf = (byState: Record<string, number>) => (byState.pending ?? 0) + (byState.leased ?? 0) + (byState.retrying ?? 0);
