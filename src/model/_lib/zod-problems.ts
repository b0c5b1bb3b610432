import type { z } from 'zod';
import type { Problem } from '../../errors.js';

type PathSegment = PropertyKey;

/**
 * A JSON path in the dotted form of the report (`officers[1].assignments[0].from`).
 *
 * @example
 * formatPath(['officers', 1, 'assignments', 0, 'from']) //=> 'officers[1].assignments[0].from'
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/**
 * How a found value reads in an error message: short JSON, or `nothing` when absent.
 *
 * @example
 * describeValue(undefined) //=> 'nothing'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    // Infinity and NaN are not "null", which is what JSON would say.
    text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The input a zod issue is about, walked from the root (zod reports it only on request). */
function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, s)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

/**
 * Zod issues as located problems: each says where, what was expected and what was found.
 * `prefix` is the path of the parsed value inside its document.
 */
export function problemsFromZod(
  error: z.ZodError,
  input: unknown,
  prefix: readonly PathSegment[],
  place: Pick<Problem, 'file' | 'line'> = {},
): Problem[] {
  return error.issues.flatMap((issue): Problem[] | Problem => {
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, located at the key itself: usually a typo.
      return issue.keys.map((key) => ({
        ...place,
        path: formatPath([...prefix, ...issue.path, key]),
        message: 'unknown key',
        expected: 'a key this object has (see the docs)',
        received: describeValue(valueAt(input, [...issue.path, key])),
      }));
    }
    const found = valueAt(input, issue.path);
    const path = formatPath([...prefix, ...issue.path]);
    const problem: Problem = { ...place, path, message: issue.message, received: describeValue(found) };
    switch (issue.code) {
      case 'invalid_type':
        if (found === undefined) {
          problem.message = 'required field is missing';
        } else {
          problem.message = `wrong type`;
        }
        problem.expected = issue.expected;
        break;
      case 'invalid_value':
        problem.message = found === undefined ? 'required field is missing' : 'not one of the allowed values';
        problem.expected = issue.values.map((v) => JSON.stringify(v)).join(' | ');
        break;
      case 'too_small':
        problem.message = 'too small';
        problem.expected = `${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
        if (issue.origin === 'string') problem.expected = 'a non-empty string';
        break;
      case 'too_big':
        problem.message = 'too big';
        problem.expected = `${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
        break;
      case 'invalid_format':
      case 'custom':
        problem.message = 'invalid value';
        problem.expected = issue.message;
        break;
      case 'invalid_union':
        problem.message = 'matches none of the allowed forms';
        break;
      default:
        break;
    }
    return problem;
  });
}
