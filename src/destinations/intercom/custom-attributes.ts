// R7: custom attributes Intercom can take (scalars only), and resending without one Intercom says does not exist.
import { setOwn } from '../kit/objects.js';
import { intercomErrors, type IntercomResponse } from './client/index.js';

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/** Splits attributes into those Intercom accepts (string, number, boolean, null) and the names left out. */
export function scalarAttributes(attributes: Record<string, unknown>): { kept: Record<string, Scalar>; dropped: string[] } {
  const kept: Record<string, Scalar> = {};
  const dropped: string[] = [];
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (isScalar(value)) setOwn(kept, name, value);
    else dropped.push(name);
  }
  return { kept, dropped };
}

/** The custom_attributes a body should carry (undefined when none is left) and the warning for those left out. */
export function attributesForBody(attributes: Record<string, unknown> | undefined): {
  attributes?: Record<string, Scalar>;
  warning?: string;
} {
  const result: { attributes?: Record<string, Scalar>; warning?: string } = {};
  if (!attributes) return result;
  const { kept, dropped } = scalarAttributes(attributes);
  if (dropped.length < Object.keys(attributes).length) result.attributes = kept;
  if (dropped.length > 0) {
    result.warning = `custom attributes left out (Intercom takes only text, numbers and booleans): ${dropped.join(', ')}`;
  }
  return result;
}

const MISSING_ATTRIBUTE = /Custom attribute '(.+)' does not exist/;

/** The attribute named by Intercom's 400 "Custom attribute 'x' does not exist", if that is the answer. */
export function missingAttribute(response: IntercomResponse): string | undefined {
  if (response.status !== 400) return undefined;
  for (const error of intercomErrors(response.body)) {
    const match = MISSING_ATTRIBUTE.exec(error.message);
    if (match) return match[1];
  }
  return undefined;
}

export interface UnknownAttributeHooks {
  /** Hears each name left out, so later requests can leave it out too. */
  onDropped?(name: string): void;
  /** R24: creates the attribute — true when it exists now (the value is sent again), else the warning to record. */
  create?(name: string, value: Scalar): Promise<true | string>;
}

/**
 * Sends `body`; while Intercom refuses one of its custom attributes as unknown, creates it when `hooks.create` is
 * given (R24) and sends again with it, or else warns and sends again without it, so the rest of the data arrives.
 */
export async function sendWithoutUnknownAttributes(
  body: { custom_attributes?: Record<string, Scalar> } & Record<string, unknown>,
  send: (body: Record<string, unknown>) => Promise<IntercomResponse>,
  warn: (message: string) => void,
  hooks: UnknownAttributeHooks = {},
): Promise<IntercomResponse> {
  let current = body;
  const created = new Set<string>();
  for (;;) {
    const response = await send(current);
    const missing = missingAttribute(response);
    const attributes = current.custom_attributes;
    if (missing === undefined || !attributes || !Object.hasOwn(attributes, missing)) return response;
    // Created once already in this write and still unknown: Intercom has not caught up; R7 applies.
    const outcome = hooks.create && !created.has(missing) ? await hooks.create(missing, attributes[missing]!) : undefined;
    if (outcome === true) {
      created.add(missing);
      continue;
    }
    warn(outcome ?? `custom attribute '${missing}' does not exist in Intercom, so it was left out (create it in Intercom to keep it)`);
    hooks.onDropped?.(missing);
    const rest = Object.fromEntries(Object.entries(attributes).filter(([name]) => name !== missing));
    current = { ...current, custom_attributes: rest };
  }
}
