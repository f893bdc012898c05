// The ferry side of the engine figure alone, for `node --cpu-prof`: npx tsx bench/engine-profile.ts [events] [passes].
import { normalizeEvent } from '../src/ingest/normalize-event.js';
import { ferryRunner } from './engine.js';
import { generateWorkload } from './workload/generate.js';

const events = Number(process.argv[2] ?? 20_000);
const passes = Number(process.argv[3] ?? 20);
const receivedAt = new Date();
const normalized = generateWorkload({ events, seed: 1 }).events.map((e) => normalizeEvent(e, receivedAt));
const run = ferryRunner();
const started = process.hrtime.bigint();
for (let p = 0; p < passes; p++) for (const event of normalized) run(event);
const micros = Number(process.hrtime.bigint() - started) / 1e3 / (events * passes);
process.stdout.write(`ferry engine: ${micros.toFixed(2)} us per event over ${passes} passes of ${events} events\n`);
