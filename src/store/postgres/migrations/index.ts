// The PostgreSQL schema's history, in order; a migration is never edited once released — a change is a new file.
import { sql as initial } from './001-initial.js';
import { sql as nodes } from './002-nodes.js';
import { sql as rateBudgets } from './003-rate-budgets.js';
import { sql as leanJobIndexes } from './004-lean-job-indexes.js';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'nodes', sql: nodes },
  { version: 3, name: 'rate-budgets', sql: rateBudgets },
  { version: 4, name: 'lean-job-indexes', sql: leanJobIndexes },
];
