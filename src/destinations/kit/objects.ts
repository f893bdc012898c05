// Small object helpers shared by the pure body builders.

/** Sets an own data property, as Object.fromEntries would: a key named `__proto__` stays a key. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A copy without the keys whose value is undefined (Intercom bodies carry only what was mapped). */
export function withoutUndefined<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const v = source[key];
    if (v !== undefined) setOwn(copy, key, v);
  }
  return copy as T;
}
