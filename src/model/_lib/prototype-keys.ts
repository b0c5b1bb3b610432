import type { Problem } from '../../errors.js';
import { formatPath } from './zod-problems.js';

/**
 * Every own `__proto__` key of an in-memory value (a config or dataset given to the library as an
 * object), with its path. Such a key is never data: parsed into a record it would set the new
 * object's prototype and vanish (a half-day window, a rule's options), or worse. Files are
 * checked when they are parsed (parseJson); this covers values that never were text.
 * Iterative, and each object is visited once (a value may share or even contain itself).
 *
 * @example
 * prototypeKeyProblems(JSON.parse('{"rules":{"__proto__":"off"}}'), 'c.json')
 * //=> [{ file: 'c.json', path: 'rules.__proto__', message: 'a key named "__proto__" is not data', ... }]
 */
export function prototypeKeyProblems(value: unknown, file?: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; path: readonly (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(v);
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) {
      problems.push({ ...(file !== undefined ? { file } : {}), path: formatPath([...path, '__proto__']), message: 'a key named "__proto__" is not data', expected: 'another key', received: '"__proto__"' });
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      if (keys[i] !== '__proto__') stack.push({ value: (v as Record<string, unknown>)[keys[i]!], path: [...path, keys[i]!] });
    }
  }
  return problems;
}
