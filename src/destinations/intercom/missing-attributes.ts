// R24: creating a custom attribute Intercom does not know yet (its type taken from the value), remembered per workspace.
import { intercomErrors } from './client/index.js';
import type { IntercomContext } from './context.js';
import { ensureOk } from './failure.js';

export type AttributeModel = 'contact' | 'company';
export type AttributeDataType = 'string' | 'integer' | 'float' | 'boolean' | 'date';
type Scalar = string | number | boolean | null;


const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The data type an attribute first seen with `value` gets; undefined for null, which names no type. */
export function inferDataType(name: string, value: Scalar): AttributeDataType | undefined {
  if (value === null) return undefined;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return name.endsWith('_at') && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? 'date' : 'string';
}

/**
 * The attributes Intercom refused to create in one workspace, with its reason, so the next event does not ask again.
 * One ferry created exists, so the next event's write is accepted without asking; should Intercom lose it (deleted
 * there), the next refusal creates it again. In memory: a restart costs at most one more attempt per refused name.
 * Bounded, forgetting the oldest name first, so events naming endless new attributes cannot grow it.
 */
export class AttributeMemory {
  private readonly refusals = new Map<string, string>();

  constructor(private readonly capacity = 1000) {}

  /** Intercom's reason for refusing to create it, if it did. */
  refusal(model: AttributeModel, name: string): string | undefined {
    return this.refusals.get(`${model}\u0000${name}`);
  }

  refused(model: AttributeModel, name: string, reason: string): void {
    if (this.refusals.size >= this.capacity) this.refusals.delete(this.refusals.keys().next().value!);
    this.refusals.set(`${model}\u0000${name}`, reason);
  }

  get size(): number {
    return this.refusals.size;
  }
}

const memories = new Map<string, AttributeMemory>();

/** The memory of one destination and workspace (`key`: the destination id, Intercom's host and the token's hash). */
export function attributeMemoryFor(key: string): AttributeMemory {
  let memory = memories.get(key);
  if (!memory) memories.set(key, (memory = new AttributeMemory()));
  return memory;
}

const MODEL_WORD: Record<AttributeModel, string> = { contact: 'people', company: 'company' };

/** Intercom's "You already have 'x' in your people data. To save this as new people data…": it exists on this model. */
function existsAlready(reason: string, name: string, model: AttributeModel): boolean {
  return reason.startsWith(`You already have '${name}' in your ${MODEL_WORD[model]} data.`) &&
    reason.includes(`as new ${MODEL_WORD[model]} data`);
}

/**
 * Creates `name` on `model` unless Intercom refused it before: true when it exists now (send the value again), else
 * the warning naming it. Intercom's own refusal (a 400: name rules, the attribute limit) is remembered and becomes that
 * warning; any other failure throws, so the delivery is retried as a whole.
 */
export async function createMissingAttribute(
  ctx: IntercomContext, memory: AttributeMemory, model: AttributeModel, name: string, value: Scalar,
): Promise<true | string> {
  const leftOut = (why: string) => `custom attribute '${name}' ${why}, so it was left out`;
  const refusal = memory.refusal(model, name);
  if (refusal !== undefined) return leftOut(`could not be created in Intercom (${refusal})`);
  const dataType = inferDataType(name, value);
  if (dataType === undefined) return leftOut('does not exist in Intercom and a null value gives it no type to create it with');
  const response = await ctx.intercom.request('POST', '/data_attributes', { name, model, data_type: dataType });
  if (response.status === 400) {
    const reason = intercomErrors(response.body).map((e) => e.message).join('; ') || 'refused';
    // Created meanwhile by another writer: it exists, so the value can go.
    if (existsAlready(reason, name, model)) return true;
    memory.refused(model, name, reason);
    return leftOut(`could not be created in Intercom (${reason})`);
  }
  ensureOk(response);
  return true;
}

/** The create hook for `sendWithoutUnknownAttributes`, when the destination creates missing attributes (R24). */
export function attributeCreator(ctx: IntercomContext, model: AttributeModel) {
  const memory = ctx.attributeMemory;
  if (!memory) return undefined;
  return (name: string, value: Scalar) => createMissingAttribute(ctx, memory, model, name, value);
}
