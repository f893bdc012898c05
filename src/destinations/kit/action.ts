// defineAction: an action's fields, default trigger and perform, declared once; schema and defaults derived from them.
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { compilePayloadValidator } from './validate.js';

export interface ActionDefinition<F extends TProperties, Context> {
  key: string;
  /** Other keys the action answers to (Segment renamed some actions). */
  aliases?: readonly string[];
  title: string;
  description: string;
  /** FQL of the trigger a new mapping of this action starts with. */
  defaultTrigger: string;
  fields: F;
  /** Delivers one validated payload; must not mutate it. Throws to fail (see ActionFailure). */
  perform: (payload: Static<TObject<F>>, context: Context) => Promise<void>;
  /** How a run of one person's queued payloads is delivered as one (a backlog); absent: always one by one. */
  coalesce?: Coalescing<Static<TObject<F>>>;
}

/**
 * Merging a run of payloads (oldest first) into the one payload whose delivery leaves the destination as delivering
 * them one by one would.
 */
export interface Coalescing<P> {
  /**
   * What payloads must share to be merged (undefined: this one never is). Throws what perform would throw before any
   * request for a payload it refuses (so that payload is rejected on its own, not merged).
   */
  runKey(payload: P): string | undefined;
  merge(payloads: readonly P[]): P;
}

export interface Action<F extends TProperties, Context> extends ActionDefinition<F, Context> {
  schema: TObject<F>;
  fieldKeys: readonly string[];
  /** Field key -> default mapping-kit value, for the fields that have one. */
  defaultMapping: Record<string, unknown>;
  validate: (raw: unknown) => Static<TObject<F>>;
  performValidated: (payload: Record<string, unknown>, context: Context) => Promise<void>;
}

/** An action seen without its payload type: what registries and the delivery stage hold. */
export interface ActionSpec<Context> {
  key: string;
  aliases?: readonly string[];
  title: string;
  description: string;
  defaultTrigger: string;
  /** The payload's JSON schema (an object schema, fields as properties). */
  schema: TSchema;
  fieldKeys: readonly string[];
  defaultMapping: Record<string, unknown>;
  validate: (raw: unknown) => Record<string, unknown>;
  /** perform for a payload that `validate` returned. */
  performValidated: (payload: Record<string, unknown>, context: Context) => Promise<void>;
  coalesce?: Coalescing<Record<string, unknown>>;
}

export function defineAction<F extends TProperties, Context>(definition: ActionDefinition<F, Context>): Action<F, Context> {
  const schema = Type.Object(definition.fields, { additionalProperties: false, title: definition.title });
  const defaultMapping = Object.fromEntries(
    Object.entries(definition.fields)
      .map(([key, fieldSchema]) => [key, (fieldSchema as { defaultMapping?: unknown }).defaultMapping] as const)
      .filter(([, value]) => value !== undefined),
  );
  return {
    ...definition,
    schema,
    fieldKeys: Object.keys(definition.fields),
    defaultMapping,
    validate: compilePayloadValidator(definition.key, schema),
    performValidated: (payload, context) => definition.perform(payload as Static<TObject<F>>, context),
  };
}
