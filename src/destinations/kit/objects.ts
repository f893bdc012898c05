// Small object helpers shared by the pure body builders.

/** A copy without the keys whose value is undefined (Intercom bodies carry only what was mapped). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
