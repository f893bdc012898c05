// Settings schemas: secret fields marked once, ferry's own retry setting, and checks for definitions without their own.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Fail } from '../../config/checks.js';
import { childPath } from '../../config/config-path.js';

/** Marks a settings field as a secret: encrypted at rest, never shown whole, exported as a ${ENV} placeholder. */
export const secret = <T extends TSchema>(schema: T): T => ({ ...schema, secret: true });

/** The keys of a settings schema marked `secret`, in declaration order. */
export function secretSettingsOf(settings: TObject): string[] {
  return Object.entries(settings.properties)
    .filter(([, schema]) => (schema as { secret?: unknown }).secret === true)
    .map(([key]) => key);
}

/** R18's retry schedule, which ferry's delivery reads from every destination's settings. */
export const RetrySchema = Type.Object({
  baseDelayMs: Type.Optional(Type.Integer({ minimum: 1 })),
  maxDelayMs: Type.Optional(Type.Integer({ minimum: 1 })),
  maxAgeSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** Settings checked against the schema alone, defaults applied; the first problem is reported at its path. */
export function checkSettingsBySchema(schema: TObject, value: unknown, path: string, fail: Fail): Record<string, unknown> {
  const settings = Value.Default(schema, structuredClone(value ?? {}));
  const problem = Value.Errors(schema, settings).First();
  if (problem !== undefined) {
    const at = problem.path.split('/').slice(1).reduce((p, key) => childPath(p, /^\d+$/.test(key) ? Number(key) : key), path);
    fail(at, problem.message.toLowerCase());
  }
  return settings as Record<string, unknown>;
}
