// ${ENV_VAR} expansion in string values ("Bearer ${TOKEN}"); $${ is a literal ${; an unset variable is an error.
import { childPath } from './config-path.js';
import type { Fail } from './checks.js';

export type Expansion = { ok: true; value: string } | { ok: false; problem: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function lookup(env: NodeJS.ProcessEnv, name: string): string | undefined {
  // Own properties only: a variable named "constructor" must not read Object.prototype.constructor.
  const value = Object.hasOwn(env, name) ? env[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** One string with its references replaced; substituted text is never scanned again. */
export function expandString(text: string, env: NodeJS.ProcessEnv): Expansion {
  if (!text.includes('${')) return { ok: true, value: text };
  let out = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar < 0) {
      out += text.slice(index);
      break;
    }
    out += text.slice(index, dollar);
    if (text.startsWith('$${', dollar)) {
      out += '${';
      index = dollar + 3;
      continue;
    }
    if (text[dollar + 1] !== '{') {
      out += '$';
      index = dollar + 1;
      continue;
    }
    const close = text.indexOf('}', dollar + 2);
    if (close < 0) return { ok: false, problem: '"${" is not closed by "}" (write $${ for a literal ${)' };
    const name = text.slice(dollar + 2, close);
    if (!NAME.test(name)) {
      const shown = name.length > 40 ? `${name.slice(0, 40)}...` : name;
      return {
        ok: false,
        problem: `"\${${shown}}" is not a variable name (letters, digits and _; write $\${ for a literal \${)`,
      };
    }
    const value = lookup(env, name);
    if (value === undefined) return { ok: false, problem: `environment variable ${name} is not set` };
    out += value;
    index = close + 1;
  }
  return { ok: true, value: out };
}

/** A copy of a loaded document with every string value expanded; keys are left as written. */
export function expandEnv(value: unknown, path: string, env: NodeJS.ProcessEnv, fail: Fail): unknown {
  if (typeof value === 'string') {
    const expansion = expandString(value, env);
    return expansion.ok ? expansion.value : fail(path, expansion.problem);
  }
  if (Array.isArray(value)) return value.map((item, index) => expandEnv(item, childPath(path, index), env, fail));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: expandEnv(item, childPath(path, key), env, fail),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
