// The figures as a table (each next to its target, PASS or MISS) for people, or one JSON object for tools.

export interface Row {
  figure: string;
  value: string;
  target: string;
  /** undefined: informative, no target. */
  pass?: boolean;
}

export function table(rows: readonly Row[]): string {
  const width = (key: keyof Row) => Math.max(...rows.map((r) => String(r[key] ?? '').length));
  const [f, v, t] = [width('figure'), width('value'), width('target')];
  return rows
    .map((r) => {
      const verdict = r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS';
      return `  ${r.figure.padEnd(f)}  ${r.value.padStart(v)}  ${r.target.padEnd(t)}  ${verdict}`.trimEnd();
    })
    .join('\n');
}

export const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const thousands = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const percent = (fraction: number, digits = 1) => `${fixed(fraction * 100, digits)}%`;
export const megabytes = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${fixed(bytes / 1024 / 1024, 0)} MB`);
