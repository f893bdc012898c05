// Reads a POST /_sim/faults body and applies it: injected answers, latency, search lag, rate limits.
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { RateLimitSettings } from '../rate-limit.js';
import type { SimulatorState } from '../state.js';

/** A mistake in a control-API request (answered 400 with a plain JSON error). */
export class ControlError extends Error {}

const FAULT_KEYS = new Set([
  'status', 'count', 'code', 'message', 'headers', 'method', 'path', 'workspace', 'latencyMs', 'searchLagMs', 'rateLimit',
  'clear',
]);
// Settings that only shape an injected answer: without a status they would be silently dropped.
const ANSWER_KEYS = ['count', 'code', 'message', 'headers', 'method', 'path'];

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
  if (body.status === undefined) {
    const orphan = ANSWER_KEYS.find((key) => body[key] !== undefined);
    if (orphan !== undefined) throw new ControlError(`'${orphan}' needs a status to inject`);
  }
  if (body.clear !== undefined && typeof body.clear !== 'boolean') {
    throw new ControlError('clear must be true or false');
  }
  const workspace = optionalText(body, 'workspace');
  if (workspace !== undefined && !state.workspaces.has(workspace)) throw new ControlError(`unknown workspace '${workspace}'`);
  const latencyMs = body.latencyMs === undefined ? undefined : wholeNumber(body.latencyMs, 'latencyMs', 0, 60_000);
  const searchLagMs =
    body.searchLagMs === undefined ? undefined : wholeNumber(body.searchLagMs, 'searchLagMs', 0, 3_600_000);
  const rateLimit = body.rateLimit === undefined ? undefined : readRateLimit(body.rateLimit);
  const fault = body.status === undefined ? undefined : readInjected(body, workspace);

  // Everything is read before anything changes, so a refused body leaves the simulator as it was.
  if (body.clear === true) {
    state.faults.injected = [];
    state.faults.latencyMs = 0;
  }
  // Stays until changed, cleared or reset: every answer waits this long.
  if (latencyMs !== undefined) state.faults.latencyMs = latencyMs;
  if (searchLagMs !== undefined) state.faults.searchLagMs = searchLagMs;
  if (rateLimit !== undefined) applyRateLimit(rateLimit, workspace, state);
  if (fault !== undefined) state.faults.inject(fault);
}

function readInjected(body: Record<string, unknown>, workspace: string | undefined) {
  const method = optionalText(body, 'method')?.toUpperCase();
  const pathPrefix = optionalText(body, 'path');
  return {
    // An injected answer is an error envelope, so only error statuses make sense.
    status: wholeNumber(body.status, 'status', 400, 599),
    remaining: body.count === undefined ? 1 : wholeNumber(body.count, 'count', 1),
    code: optionalText(body, 'code'),
    message: optionalText(body, 'message'),
    headers: readHeaders(body.headers),
    ...(method === undefined ? {} : { method }),
    ...(pathPrefix === undefined ? {} : { pathPrefix }),
    ...(workspace === undefined ? {} : { workspace }),
  };
}

// Checked here, not when the fault fires: a bad header name would otherwise turn the injected answer into a 500.
function readHeaders(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ControlError('headers must be an object of strings');
  }
  const headers = raw as Record<string, unknown>;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new ControlError('headers must be an object of strings');
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw new ControlError(`header '${name}' is not a valid HTTP header`);
    }
  }
  return headers as Record<string, string>;
}

function readRateLimit(raw: unknown): RateLimitSettings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ControlError('rateLimit must be {limit, windowSeconds}');
  }
  const spec = raw as Record<string, unknown>;
  return {
    limit: wholeNumber(spec.limit, 'rateLimit.limit', 1),
    windowSeconds: wholeNumber(spec.windowSeconds ?? 10, 'rateLimit.windowSeconds', 1, 3600),
  };
}

function applyRateLimit(settings: RateLimitSettings, workspace: string | undefined, state: SimulatorState): void {
  if (workspace === undefined) state.faults.rateLimit = settings;
  for (const w of state.workspaces.values()) {
    if (workspace === undefined || w.idCode === workspace) w.rateLimiter.configure(settings);
  }
}
