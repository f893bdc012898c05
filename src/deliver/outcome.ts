// The closed set of delivery outcomes (R18) and what one mapping's delivery attempt reports.
import type { Exchange } from '../destinations/kit/exchange.js';

import type { OutcomeStatus } from '../store/types.js';

export interface MappingOutcome {
  mapping: string;
  action: string;
  status: OutcomeStatus;
  warnings: string[];
  /** For `filtered`: why the mapping did not run. */
  reason?: string;
  error?: { code?: string; message: string; field?: string };
  /** The validated payload the action performed with. */
  payload?: Record<string, unknown>;
  /** Every request made to the destination, with its answer (no credentials). */
  requests: Exchange[];
  /** For `retrying`: when to try again and for how long (R15's short window). */
  retry?: { delayMs?: number; windowMs?: number; finalReason?: string };
  /** 401/403: the destination must pause until its credentials are fixed (R18). */
  pauseDestination?: boolean;
}
