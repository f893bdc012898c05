// Reads a POST /_sim/faults body and applies it: injected answers, latency, search lag, rate limits.
import type { SimulatorState } from '../state.js';

/** A mistake in a control-API request (answered 400 with a plain JSON error). */
export class ControlError extends Error {}

const FAULT_KEYS = new Set([
  'status', 'count', 'code', 'message', 'headers', 'method', 'path', 'workspace', 'latencyMs', 'searchLagMs', 'rateLimit',
  'clear',
]);

function wholeNumber(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ControlError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function optionalText(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ControlError(`${key} must be a string`);
  return value;
}

export function readFaults(raw: unknown, state: SimulatorState): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ControlError('body must be a JSON object');
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!FAULT_KEYS.has(key)) throw new ControlError(`unknown fault setting '${key}'`);
  const workspace = optionalText(body, 'workspace');
  if (workspace !== undefined && !state.workspaces.has(workspace)) throw new ControlError(`unknown workspace '${workspace}'`);

  if (body.clear === true) {
    state.faults.injected = [];
    state.faults.latencyMs = 0;
  }
  if (body.latencyMs !== undefined) state.faults.latencyMs = wholeNumber(body.latencyMs, 'latencyMs', 0, 60_000);
  if (body.searchLagMs !== undefined) state.faults.searchLagMs = wholeNumber(body.searchLagMs, 'searchLagMs', 0, 3_600_000);
  if (body.rateLimit !== undefined) applyRateLimit(body.rateLimit, workspace, state);
  if (body.status !== undefined) {
    const headers = body.headers ?? {};
    if (typeof headers !== 'object' || headers === null || Object.values(headers).some((v) => typeof v !== 'string')) {
      throw new ControlError('headers must be an object of strings');
    }
    const method = optionalText(body, 'method')?.toUpperCase();
    state.faults.inject({
      status: wholeNumber(body.status, 'status', 200, 599),
      remaining: body.count === undefined ? 1 : wholeNumber(body.count, 'count', 1),
      code: optionalText(body, 'code'),
      message: optionalText(body, 'message'),
      headers: headers as Record<string, string>,
      ...(method === undefined ? {} : { method }),
      ...(optionalText(body, 'path') === undefined ? {} : { pathPrefix: optionalText(body, 'path') }),
      ...(workspace === undefined ? {} : { workspace }),
    });
  }
}

function applyRateLimit(raw: unknown, workspace: string | undefined, state: SimulatorState): void {
  if (raw === null || typeof raw !== 'object') throw new ControlError('rateLimit must be {limit, windowSeconds}');
  const spec = raw as Record<string, unknown>;
  const limit = wholeNumber(spec.limit, 'rateLimit.limit', 1);
  const windowSeconds = wholeNumber(spec.windowSeconds ?? 10, 'rateLimit.windowSeconds', 1, 3600);
  for (const w of state.workspaces.values()) {
    if (workspace === undefined || w.idCode === workspace) w.rateLimiter.configure({ limit, windowSeconds });
  }
}
