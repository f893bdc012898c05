// Faults a test injects through POST /_sim/faults: error answers, added latency, search lag, rate limits.
import { codeForStatus } from './errors.js';
import type { RateLimitSettings } from './rate-limit.js';

export interface InjectedFault {
  status: number;
  remaining: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  method?: string;
  pathPrefix?: string;
  workspace?: string;
}

export class FaultState {
  injected: InjectedFault[] = [];
  latencyMs = 0;
  /** The rate limit set at run time for all workspaces; workspaces created later start with it too. */
  rateLimit: RateLimitSettings | undefined = undefined;

  constructor(public searchLagMs: number) {}

  inject(fault: Omit<InjectedFault, 'code' | 'message'> & { code?: string; message?: string }): void {
    const defaults = codeForStatus(fault.status);
    this.injected.push({ ...fault, code: fault.code ?? defaults.code, message: fault.message ?? defaults.message });
  }

  /** The next injected answer for this request, if one applies (each answer is used once). */
  take(method: string, path: string, workspace: string): InjectedFault | undefined {
    const index = this.injected.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)) &&
        (f.workspace === undefined || f.workspace === workspace),
    );
    if (index < 0) return undefined;
    const fault = this.injected[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.injected.splice(index, 1);
    return fault;
  }

  summary() {
    return {
      injected: this.injected.map(({ status, remaining, code, method, pathPrefix, workspace }) => ({
        status, remaining, code, method, path: pathPrefix, workspace,
      })),
      latencyMs: this.latencyMs,
      searchLagMs: this.searchLagMs,
    };
  }
}
