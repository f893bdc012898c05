// The schema's history, in order; a migration is never edited once released — a change is a new file.
import { sql as initial } from './001-initial.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }];
