// Figure 2, engine cost per event (trigger, mapping, validation, body), ferry vs actions-core: interleaved rounds.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subscriptions from '@segment/destination-subscriptions';
import type { TSchema } from '@sinclair/typebox';
import { companyBody } from '../src/destinations/intercom/identify-company/body.js';
import { contactBody } from '../src/destinations/intercom/identify-contact/body.js';
import { PRESET_MAPPINGS, findAction, type IntercomAction } from '../src/destinations/intercom/index.js';
import { eventBody } from '../src/destinations/intercom/track-event/body.js';
import { removeEmptyValues, type EmptyValueSchema } from '../src/mapping/index.js';
import { compileRoutes } from '../src/subscriptions/compile.js';

// actions-core's ESM build cannot be imported under Node; its CommonJS build can (see src/mapping/differential.test.ts).
const require = createRequire(import.meta.url);
const core = require('@segment/actions-core') as {
  transform(mapping: unknown, data: unknown): Record<string, unknown>;
  validateSchema(payload: unknown, schema: unknown, options: { schemaKey: string }): boolean;
  fieldsToJsonSchema(fields: Record<string, unknown>): unknown;
};
const coreDir = dirname(require.resolve('@segment/actions-core'));
const segmentRemoveEmpty = require(join(coreDir, 'remove-empty-values.js')).removeEmptyValues as (
  payload: unknown, schema: unknown, isRoot: boolean,
) => Record<string, unknown>;

type Payload = Record<string, unknown>;

/**
 * The pure body builders (what perform sends first); a lead's track is sent by the Intercom id ferry remembers.
 * actions-core has no Intercom body builder (Segment's lives in action-destinations), so both sides use these.
 */
function buildBody(action: string, payload: Payload): unknown {
  if (action === 'identifyContact') return contactBody(payload as never).body;
  if (action === 'identifyCompany') return companyBody(payload as never).body;
  const who = typeof payload.user_id === 'string' ? { user_id: payload.user_id } : { id: '6659a1f0c2b4d1e2f3a4b5c6' };
  return eventBody(payload as never, who).body;
}

/** ferry's field declarations as Segment InputFields, so actions-core builds and validates the same schema. */
function segmentFields(action: IntercomAction): Record<string, unknown> {
  const schema = action.schema as TSchema & { properties: Record<string, TSchema>; required?: string[] };
  return Object.fromEntries(
    Object.entries(schema.properties).map(([key, field]) => {
      const f = field as TSchema & { choices?: string[]; anyOf?: unknown[]; patternProperties?: unknown };
      const type = f.format === 'date-time' ? 'datetime'
        : f.choices ? 'string'
          : f.patternProperties ? 'object'
            : (f.type as string);
      return [key, {
        label: f.title, description: f.description, type,
        required: schema.required?.includes(key) ?? false,
        ...(f.choices ? { choices: f.choices } : {}),
        ...(f.format && f.format !== 'date-time' ? { format: f.format } : {}),
        ...(f.defaultMapping === undefined ? {} : { default: f.defaultMapping }),
      }];
    }),
  );
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface EngineFigure {
  events: number;
  /** Mappings that matched (actions produced) per pass. */
  actions: number;
  /** Timed passes per side, interleaved slice by slice (after two warm-up passes each). */
  rounds: number;
  /** Microseconds per event: the median of the rounds. */
  ferryMicrosPerEvent: number;
  actionsCoreMicrosPerEvent: number;
  /** actions-core / ferry: the median of the rounds' ratios. */
  ratio: number;
  /** The rounds' ratios: median, lowest, highest. */
  ratioSpread: Spread;
  /** The same without the body build (the one part both sides share): trigger, mapping and payload validation. */
  withoutBody: { ferryMicrosPerEvent: number; actionsCoreMicrosPerEvent: number; ratio: number; ratioSpread: Spread };
  /** Events on which the two built different bodies (0 expected: same mappings, same validation rules). */
  disagreements: number;
}

/** The bodies an event's matching mappings give (an invalid payload gives the string 'invalid'). */
type Runner = (event: Payload) => unknown[];

export function ferryRunner(withBody = true): Runner {
  const routes = compileRoutes(undefined);
  return (event) => {
    const bodies: unknown[] = [];
    for (const route of routes) {
      if (!route.trigger(event)) continue;
      try {
        const payload = route.action.validate(removeEmptyValues(route.evaluate(event), route.action.schema as EmptyValueSchema));
        bodies.push(withBody ? buildBody(route.action.key, payload) : payload);
      } catch {
        bodies.push('invalid');
      }
    }
    return bodies;
  };
}

function segmentRunner(withBody = true): Runner {
  const mappings = PRESET_MAPPINGS.map((preset) => {
    const action = findAction(preset.action)!;
    return {
      key: action.key,
      ast: subscriptions.parseFql(preset.trigger),
      mapping: preset.mapping,
      schema: core.fieldsToJsonSchema(segmentFields(action)),
      schemaKey: `ferry-bench:${action.title}`,
    };
  });
  return (event) => {
    const bodies: unknown[] = [];
    for (const m of mappings) {
      if (!subscriptions.validate(m.ast as never, event)) continue;
      try {
        // Action#execute's steps: transform, removeEmptyValues, validateSchema (then perform builds the body).
        const payload = segmentRemoveEmpty(core.transform(m.mapping, event), m.schema, true);
        core.validateSchema(payload, m.schema, { schemaKey: m.schemaKey });
        bodies.push(withBody ? buildBody(m.key, payload) : payload);
      } catch {
        bodies.push('invalid');
      }
    }
    return bodies;
  };
}

/** Events per timed slice: short enough that a burst of other work on the machine spoils few slices of one side. */
const SLICE = 500;

function elapsedMicros(run: Runner, events: readonly Payload[], from: number, to: number): number {
  const started = process.hrtime.bigint();
  for (let i = from; i < to; i++) run(events[i]!);
  return Number(process.hrtime.bigint() - started) / 1e3;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Timing {
  /** Each runner's microseconds per event: the median of its rounds. */
  micros: number[];
  /** Per round, each runner's microseconds per event over the whole pass. */
  rounds: number[][];
}

/**
 * Times the runners alike: two warm-up passes each, then `rounds` rounds over the events slice by slice, every
 * runner timing each slice right after the others (the order reversed every other slice), so that what the machine
 * does meanwhile (and the garbage collector) falls on all sides alike.
 */
function interleaved(runners: readonly Runner[], events: readonly Payload[], rounds: number): Timing {
  for (let warm = 0; warm < 2; warm++) for (const run of runners) elapsedMicros(run, events, 0, events.length);
  const slices = Math.ceil(events.length / SLICE);
  const perRound = Array.from({ length: rounds }, () => runners.map(() => 0));
  for (let round = 0; round < rounds; round++) {
    for (let slice = 0; slice < slices; slice++) {
      const from = slice * SLICE;
      const to = Math.min(events.length, from + SLICE);
      for (let k = 0; k < runners.length; k++) {
        const i = (round + slice) % 2 === 0 ? k : runners.length - 1 - k;
        perRound[round]![i]! += elapsedMicros(runners[i]!, events, from, to) / events.length;
      }
    }
  }
  return { micros: runners.map((_, i) => median(perRound.map((round) => round[i]!))), rounds: perRound };
}

/** actions-core / ferry in each round: the median, the lowest and the highest. */
function ratioOf(timing: Timing, core: number, ours: number): Spread {
  const ratios = timing.rounds.map((round) => round[core]! / round[ours]!);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** `events` should be normalized (as delivered: messageId, timestamp, receivedAt filled in). */
export function measureEngine(events: readonly Payload[], rounds = 7): EngineFigure {
  const ferry = ferryRunner();
  const segment = segmentRunner();
  let actions = 0;
  let disagreements = 0;
  for (const event of events) {
    const ours = ferry(event);
    actions += ours.filter((body) => body !== 'invalid').length;
    if (JSON.stringify(ours) !== JSON.stringify(segment(event))) disagreements += 1;
  }
  const timing = interleaved([ferry, segment, ferryRunner(false), segmentRunner(false)], events, rounds);
  const [ferryMicros, segmentMicros, ferryBare, segmentBare] = timing.micros as [number, number, number, number];
  const ratio = ratioOf(timing, 1, 0);
  const bareRatio = ratioOf(timing, 3, 2);
  return {
    events: events.length,
    actions,
    rounds,
    ferryMicrosPerEvent: ferryMicros,
    actionsCoreMicrosPerEvent: segmentMicros,
    ratio: ratio.median,
    ratioSpread: ratio,
    withoutBody: {
      ferryMicrosPerEvent: ferryBare, actionsCoreMicrosPerEvent: segmentBare, ratio: bareRatio.median, ratioSpread: bareRatio,
    },
    disagreements,
  };
}
