// R18 for Intercom: what an error thrown while delivering means — retry (with Intercom's delay hint), reject, or pause.
import type { Verdict } from '../kit/define-destination.js';
import { classifyTransportError, IntercomTransportError } from './client/index.js';
import { ActionFailure } from './failure.js';

export function classifyIntercomError(error: unknown): Verdict | undefined {
  if (error instanceof IntercomTransportError) {
    const classification = classifyTransportError(error);
    return { kind: 'retry', code: error.kind, reason: classification.kind === 'retry' ? classification.reason : error.message };
  }
  if (!(error instanceof ActionFailure)) return undefined;
  const c = error.classification;
  switch (c.kind) {
    case 'reject':
      return { kind: 'rejected', reason: c.reason, ...(c.code ? { code: c.code } : {}) };
    case 'auth':
      return { kind: 'paused', reason: c.reason, code: `http_${c.status}` };
    case 'retry':
      return {
        kind: 'retry',
        reason: c.reason,
        retry: {
          ...(c.delayMs !== undefined ? { delayMs: c.delayMs } : {}),
          ...(error.options.retryWindowMs !== undefined ? { windowMs: error.options.retryWindowMs } : {}),
          ...(error.options.finalReason !== undefined ? { finalReason: error.options.finalReason } : {}),
        },
      };
  }
}
