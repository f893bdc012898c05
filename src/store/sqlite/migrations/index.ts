// The schema's history, in order; a migration is never edited once released — a change is a new file.
import { sql as initial } from './001-initial.js';
import { sql as deliveries } from './002-deliveries.js';
import { sql as settings } from './003-settings.js';
import { sql as sessions } from './004-sessions.js';
import { sql as destinationSources } from './005-destination-sources.js';
import { sql as people } from './006-people.js';
import { sql as leanJobIndexes } from './007-lean-job-indexes.js';
import { sql as countedJobInserts } from './008-counted-job-inserts.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'deliveries', sql: deliveries },
  { version: 3, name: 'settings', sql: settings },
  { version: 4, name: 'sessions', sql: sessions },
  { version: 5, name: 'destination sources', sql: destinationSources },
  { version: 6, name: 'people', sql: people },
  { version: 7, name: 'lean job indexes', sql: leanJobIndexes },
  { version: 8, name: 'counted job inserts', sql: countedJobInserts },
];
