// The PostgreSQL schema's history, in order; a migration is never edited once released — a change is a new file.
import { sql as initial } from './001-initial.js';
import { sql as rateBudgets } from './003-rate-budgets.js';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  { version: 1, name: 'initial', sql: initial },
  // 2 is another branch's; the numbers are renumbered when they meet.
  { version: 3, name: 'rate-budgets', sql: rateBudgets },
];
