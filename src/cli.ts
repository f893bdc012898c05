#!/usr/bin/env node
// The ferry command line: its subcommands and options; each command's work is in src/commands/.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DEFAULT_TOKEN } from '../sim/intercom/defaults.js';
import { VERSION } from './version.js';
import { FerryError } from './errors.js';
import type { SimOptions } from './commands/sim.js';
import type { DeletePersonOptions } from './commands/delete-person.js';

// Each command imports its own modules when it runs (fastify, the stores, the simulator are heavy): `ferry validate`
// and `ferry test-event`, run once per test in users' CI, start without loading what they do not use.

function integer(name: string, min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  return (text: string): number => {
    // Digits only: Number() would also read '', ' 5', '1e3' and '0x10' as numbers.
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(`${name} must be a whole number ${range}.`);
    }
    return n;
  };
}

function simOptions(command: Command, defaultPort: number): Command {
  return command
    .option('--port <port>', 'port to listen on', integer('port', 0, 65535), defaultPort)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--token <token>', 'access token of the default workspace', DEFAULT_TOKEN)
    .option('--rate-limit <n>', 'requests per window per workspace', integer('rate-limit', 1), 167)
    .option('--window-seconds <n>', 'rate-limit window length', integer('window-seconds', 1), 10)
    .option('--search-lag-ms <n>', 'delay before a write becomes searchable', integer('search-lag-ms', 0), 0)
    .option('--latency-ms <n>', 'added to every API answer (Intercom answers in 100-300 ms from most places)', integer('latency-ms', 0, 60_000), 0);
}

// Usage errors are thrown to the handler at the end instead of exiting 1 inside commander: a wrong command line is
// wrong input (exit 2), like an invalid config or event. Set before the subcommands, which inherit it.
const program = new Command('ferry')
  .description('Segment-compatible Intercom destination')
  .version(VERSION)
  .exitOverride()
  .showHelpAfterError();

simOptions(program.command('sim').description('run the Intercom API simulator alone'), 4010).action(
  async (options: SimOptions) => (await import('./commands/sim.js')).runSimulator(options),
);

program
  .command('start')
  .description('run ferry: the tracking API and delivery to Intercom (sandbox mode without an Intercom token)')
  .option('--config <file>', 'ferry.config.yaml to apply at every start (what it lists is managed by the file: the admin API refuses changes to it)')
  .option('--seed-config <file>', 'a config file applied once, when the database is new; after that the web app and admin API own everything')
  .option('--port <port>', 'port of the tracking API', integer('port', 0, 65535), 4000)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--data-dir <dir>', 'where the database lives (SQLite), the secret key and the lock', './data')
  .option('--database-url <url>', 'postgres://... : keep everything in PostgreSQL instead of SQLite (default: DATABASE_URL)')
  .option('--sim-port <port>', 'port of the Intercom simulator in sandbox mode', integer('sim-port', 0, 65535), 4010)
  .option('--sim-host <host>', 'address of the Intercom simulator in sandbox mode (its control API has no authentication)', '127.0.0.1')
  .action(async (options: { config?: string; seedConfig?: string; databaseUrl?: string; port: number; host: string; dataDir: string; simPort: number; simHost: string }) => {
    // Signals are caught before the banner appears: a stop asked for during start-up waits for start-up to end.
    const running: { ferry?: Awaited<ReturnType<typeof startFerry>>; stopAsked?: boolean } = {};
    const stop = () => {
      running.stopAsked = true;
      if (running.ferry) void running.ferry.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const { startFerry } = await import('./commands/start.js');
    running.ferry = await startFerry(options);
    if (running.stopAsked) stop();
  });

program
  .command('test-event')
  .description('run one event through a destination\'s mappings for real and print each outcome as JSON')
  .option('--config <file>', 'ferry.config.yaml (or .json); required unless --url')
  .option('--destination <id>', 'destination id (default: the first)')
  .option('--data-dir <dir>', "use the identity cache in a ferry's data dir (read only while a ferry runs on it)")
  .option('--url <url>', 'run the event through the Event Tester of the ferry at this URL (admin token: FERRY_ADMIN_TOKEN)')
  .argument('<event>', 'the event as a JSON file, or - for standard input')
  .action(async (event: string, options: { config?: string; destination?: string; dataDir?: string; url?: string }) => {
    const { runTestEventCommand } = await import('./commands/test-event.js');
    const result = await runTestEventCommand({ ...options, event });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  });

program
  .command('migrate')
  .description("bring the PostgreSQL store's schema up to date and exit (ferry start does it too, under a lock nodes share)")
  .option('--database-url <url>', 'postgres://... (default: DATABASE_URL)')
  .action(async (options: { databaseUrl?: string }) => {
    const { runMigrateCommand } = await import('./commands/migrate.js');
    process.stdout.write(`${await runMigrateCommand(options.databaseUrl ?? process.env.DATABASE_URL)}\n`);
  });

program
  .command('validate')
  .description('check a config file: structure, actions, FQL triggers, mapping directives, the 50-mapping limit')
  .argument('<config>', 'ferry.config.yaml (or .json)')
  .action(async (file: string) => {
    const { runValidateCommand } = await import('./commands/validate.js');
    process.stdout.write(`${runValidateCommand(file)}\n`);
  });

program
  .command('delete-person')
  .description("erase a person (R23): their contact at each destination, ferry's copies, and a suppression of their later events")
  .option('--user-id <id>', "the person's userId")
  .option('--anonymous-id <id>', "the person's anonymousId")
  .option('--email <email>', "the person's email")
  .option('--destination <id>', 'a destination to delete the person at (repeat for more; default: all)', (id: string, list: string[] = []) => [...list, id])
  .option('--data-dir <dir>', 'where the database lives', './data')
  .action(async (options: DeletePersonOptions) => {
    const { describeResult, personFromOptions, runDeletePerson } = await import('./commands/delete-person.js');
    const person = personFromOptions(options);
    const result = await runDeletePerson(options);
    process.stdout.write(describeResult(result, person));
    // 1: nothing was done (ferry holds the data dir), or a destination could not delete the person.
    const failed = result.mode === 'data-dir' && result.erasure.destinations.some((d) => d.status === 'failed' || d.status === 'credentials-refused');
    if (result.mode === 'use-the-api' || failed) process.exitCode = 1;
  });

program.parseAsync().catch((error: unknown) => {
  // commander has already printed what is wrong with the command line (or the help and version asked for).
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  process.stderr.write(`ferry: ${(error as Error).message}\n`);
  // 2: the input (command line, config or event) is wrong; 1: anything else.
  process.exit(error instanceof FerryError ? 2 : 1);
});
