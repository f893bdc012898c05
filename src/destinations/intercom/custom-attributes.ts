// R7: custom attributes Intercom can take (scalars only), and resending without one Intercom says does not exist.
import { intercomErrors, type IntercomResponse } from './client/index.js';

type Scalar = string | number | boolean | null;

/** Splits attributes into those Intercom accepts (string, number, boolean, null) and the names left out. */
export function scalarAttributes(attributes: Record<string, unknown>): { kept: Record<string, Scalar>; dropped: string[] } {
  const kept: [string, Scalar][] = [];
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    const scalar = value === null || typeof value === 'string' || typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (scalar) kept.push([name, value as Scalar]);
    else dropped.push(name);
  }
  return { kept: Object.fromEntries(kept), dropped };
}

/** The custom_attributes a body should carry (undefined when none is left) and the warning for those left out. */
export function attributesForBody(attributes: Record<string, unknown> | undefined): {
  attributes?: Record<string, Scalar>;
  warning?: string;
} {
  if (!attributes) return {};
  const { kept, dropped } = scalarAttributes(attributes);
  return {
    ...(Object.keys(kept).length > 0 ? { attributes: kept } : {}),
    ...(dropped.length > 0
      ? { warning: `custom attributes left out (Intercom takes only text, numbers and booleans): ${dropped.join(', ')}` }
      : {}),
  };
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

/**
 * Sends `body`; while Intercom refuses one of its custom attributes as unknown, warns and sends again without it,
 * so the rest of the data still arrives. `onDropped` hears each name left out, so later requests can leave it out too.
 */
export async function sendWithoutUnknownAttributes(
  body: { custom_attributes?: Record<string, Scalar> } & Record<string, unknown>,
  send: (body: Record<string, unknown>) => Promise<IntercomResponse>,
  warn: (message: string) => void,
  onDropped: (name: string) => void = () => {},
): Promise<IntercomResponse> {
  let current = body;
  for (;;) {
    const response = await send(current);
    const missing = missingAttribute(response);
    const attributes = current.custom_attributes;
    if (missing === undefined || !attributes || !Object.hasOwn(attributes, missing)) return response;
    warn(`custom attribute '${missing}' does not exist in Intercom, so it was left out (create it in Intercom to keep it)`);
    onDropped(missing);
    const rest = Object.fromEntries(Object.entries(attributes).filter(([name]) => name !== missing));
    current = { ...current, custom_attributes: rest };
  }
}
