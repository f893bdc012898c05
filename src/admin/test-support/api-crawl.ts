// Test support: calls every GET route the OpenAPI document lists, filling path parameters from what answers showed.
import { ADMIN_TOKEN } from '../../commands/test-support/ferry.js';

export interface Answer {
  what: string;
  status: number;
  text: string;
}

/** Values seen in answers, by key: `id`, `name` ... become candidates for `{id}`, `{name}` path parameters. */
function collect(value: unknown, into: Map<string, Set<string>>): void {
  if (Array.isArray(value)) value.forEach((item) => collect(item, into));
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number') {
      const set = into.get(key) ?? new Set<string>();
      if (set.size < 200) set.add(String(item));
      into.set(key, set);
    } else collect(item, into);
  }
}

/** The values to try for a path parameter of a path template; undefined: every value seen under that key. */
export type ParamValues = (name: string, template: string) => string[] | undefined;

/**
 * GETs every path of /api/openapi.json (plus `extra` paths, e.g. with query filters). A parameter is filled with
 * `values(name, template)` when it answers, else every value seen under that key (or `id` for `...Id` names) so far.
 */
export async function crawlAdminApi(url: string, values: ParamValues, extra: string[] = []): Promise<Answer[]> {
  const answers: Answer[] = [];
  const seen = new Map<string, Set<string>>();
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = await response.text();
    answers.push({ what: `GET ${path}`, status: response.status, text });
    // The document's own names (schema properties) are no ids.
    if (path === '/api/openapi.json') return;
    try {
      collect(JSON.parse(text), seen);
    } catch {
      // not JSON (metrics, an export as YAML): kept as text only
    }
  };
  await get('/api/openapi.json');
  const doc = JSON.parse(answers[0]!.text) as { paths: Record<string, Record<string, unknown>> };
  const templates = Object.keys(doc.paths).filter((p) => doc.paths[p]!.get !== undefined);
  // Paths without parameters first: their answers name the ids the others need.
  templates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const template of [...templates, ...extra]) {
    let paths = [template];
    for (const [, param] of template.matchAll(/\{(\w+)\}/g)) {
      const name = param!;
      const tried = values(name, template) ?? [...(seen.get(name) ?? seen.get(name.endsWith('Id') ? 'id' : name) ?? [])];
      paths = paths.flatMap((p) => tried.map((v) => p.replace(`{${name}}`, encodeURIComponent(v))));
    }
    for (const path of paths) await get(path);
  }
  return answers;
}
