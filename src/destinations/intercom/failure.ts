// How an Intercom action fails: an ActionFailure carrying the classified outcome (retry, reject, auth) of R18.
import { classifyResponse, type Classification, type IntercomResponse } from './client/index.js';

export type FailureClassification = Exclude<Classification, { kind: 'ok' }>;

export interface FailureOptions {
  /** For a retry: give up after this long (R15's short window) with `finalReason`, instead of the destination's max age. */
  retryWindowMs?: number;
  finalReason?: string;
}

export class ActionFailure extends Error {
  constructor(
    readonly classification: FailureClassification,
    readonly options: FailureOptions = {},
  ) {
    super(classification.reason);
    this.name = 'ActionFailure';
  }
}

/** Throws the classified ActionFailure unless Intercom answered with a success. */
export function ensureOk(response: IntercomResponse): void {
  const classification = classifyResponse(response);
  if (classification.kind !== 'ok') throw new ActionFailure(classification);
}

const CONFLICT_ID = /already exists with id=([0-9a-zA-Z]+)/;

/** R5: the id Intercom names in a 409 "A contact matching those details already exists with id=X", and whether X is archived. */
export function conflictingContact(response: IntercomResponse): { id: string; archived: boolean } | undefined {
  if (response.status !== 409) return undefined;
  const text = JSON.stringify(response.body ?? '');
  const match = CONFLICT_ID.exec(text);
  return match ? { id: match[1]!, archived: /archived contact/i.test(text) } : undefined;
}
