// A new destination's id: derived from its name, checked against the API's id rule and the ids already taken.

/** The admin API's id rule: 1-64 letters, digits, ".", "_", "-", starting with a letter or digit. */
export const ID_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** "My Intercom (EU)" -> "my-intercom-eu"; made unique against `taken` with "-2", "-3"...; "" for a name without letters or digits. */
export function idFromName(name: string, taken: readonly string[] = []): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/[-.]+$/, '');
  if (base === '' || !taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** What is wrong with an id, in words, or undefined when it may be used. */
export function idProblem(id: string, taken: readonly string[]): string | undefined {
  if (id === '') return 'Give an id (it is derived from the name; a name with letters or digits makes one).';
  if (id.length > 64) return `At most 64 characters (this one has ${id.length}).`;
  if (!ID_RULE.test(id)) return 'Use letters, digits, ".", "_" and "-" only, starting with a letter or digit.';
  if (taken.includes(id)) return `A destination with the id "${id}" exists already: choose another.`;
  return undefined;
}
