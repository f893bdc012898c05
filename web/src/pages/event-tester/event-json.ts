// The Event Tester's input: sample events to start from, and reading pasted JSON with the line and column of a mistake.
import { findJsonError } from './json-error.js';

export type SampleKind = 'identify' | 'track' | 'group';

/** A sample event of each kind, as a Segment client would send it (ferry fills in messageId and timestamps). */
export function sampleEvent(kind: SampleKind): Record<string, unknown> {
  const person = { userId: 'user-1' };
  switch (kind) {
    case 'identify':
      return { type: 'identify', ...person, traits: { email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro' } };
    case 'track':
      return { type: 'track', ...person, event: 'Order Completed', properties: { revenue: 19.99, currency: 'USD', orderId: 'order-1' } };
    case 'group':
      return { type: 'group', ...person, groupId: 'acme', traits: { name: 'Acme Inc.', plan: 'pro', employees: 42 } };
  }
}

export const formatEvent = (event: unknown) => JSON.stringify(event, null, 2);

export type ReadEvent =
  | { ok: true; event: Record<string, unknown> }
  | { ok: false; message: string; line?: number; column?: number };

/** Line and column (from 1) of a 0-based offset into `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

export function readEventJson(text: string): ReadEvent {
  if (text.trim() === '') return { ok: false, message: 'Paste an event, pick a recent one, or start from a sample.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const found = findJsonError(text) ?? { offset: text.length, reason: (error as Error).message };
    const { line, column } = lineAndColumn(text, found.offset);
    return { ok: false, message: `This is not valid JSON: ${found.reason}, at line ${line}, column ${column}.`, line, column };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return { ok: false, message: `The event must be a JSON object ({ "type": "identify", ... }), not ${got}.` };
  }
  return { ok: true, event: value as Record<string, unknown> };
}
