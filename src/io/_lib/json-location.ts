import { DutyComplianceError, type ErrorCode, type Problem } from '../../errors.js';
import { findNodeAtLocation, getNodePath, getNodeValue, parseTree, printParseErrorCode, type ParseError, type Node } from 'jsonc-parser';
import { formatPath } from '../../model/_lib/zod-problems.js';
import { createLineIndex } from './line-index.js';
import { withoutBom } from './read-text.js';

export { lineAndColumn } from './line-index.js';

/**
 * How deeply arrays and objects may nest in any JSON input (dataset, roster line, config,
 * waivers, baseline, report). No real input comes near it (a dataset nests five levels); past
 * it, a text is a located input error, so nothing downstream ever recurses on input depth.
 */
export const MAX_JSON_DEPTH = 100;

/** A problem of a JSON text at a character offset, before it is given a line and column. */
interface TextProblem extends Omit<Problem, 'file' | 'line' | 'column'> {
  offset: number;
}

/**
 * One pass over a JSON text, without recursion: the number of object keys it has (a `:` outside
 * a string), and where nesting first goes deeper than `limit`.
 */
function scanJsonShape(text: string, limit: number): { keys: number; tooDeepAt?: number } {
  let keys = 0;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58) keys++;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { keys, tooDeepAt: i };
    } else if (c === 125 || c === 93) depth--;
  }
  return { keys };
}

/**
 * Whether a parsed value may hide what JSON.parse does not say: a duplicate key (fewer own keys
 * than keys in the text: the last one won), a `__proto__` key, or a number too large for a
 * double (parsed as Infinity). Iterative: the depth is already bounded, but costs stay linear.
 */
function mayHideProblems(value: unknown, keysInText: number): boolean {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
      for (const k in v) {
        keys++;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return keys !== keysInText;
}

/** Duplicate keys, `__proto__` keys and out-of-range numbers of a text whose depth is bounded. */
function keyAndNumberProblems(text: string, tree: Node): TextProblem[] {
  const problems: TextProblem[] = [];
  const lines = createLineIndex(text);
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'number' && typeof node.value === 'number' && !Number.isFinite(node.value)) {
      problems.push({
        offset: node.offset,
        path: formatPath(getNodePath(node)),
        message: 'number out of range',
        expected: 'a number a double can hold (at most 1.7976931348623157e308 in size)',
        received: text.slice(node.offset, node.offset + node.length),
      });
    }
    if (node.type === 'object') {
      const seen = new Map<string, number>();
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        const path = () => formatPath([...getNodePath(node), key]);
        if (key === '__proto__') {
          problems.push({ offset: keyNode.offset, path: path(), message: 'a key named "__proto__" is not data', expected: 'another key', received: JSON.stringify(key) });
        }
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({ offset: keyNode.offset, path: path(), message: `duplicate key (also on line ${lines.locate(first).line})`, expected: 'each key once in an object', received: JSON.stringify(key) });
        } else seen.set(key, keyNode.offset);
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Parses one JSON text to a value, or every problem of it at its offset: nesting past
 * {@link MAX_JSON_DEPTH} (found without recursion, before anything else parses it), every
 * syntax error (jsonc-parser keeps going after one), duplicate keys, `__proto__` keys and numbers
 * out of range.
 */
function parseJsonText(body: string): { value: unknown } | { problems: TextProblem[] } {
  const shape = scanJsonShape(body, MAX_JSON_DEPTH);
  if (shape.tooDeepAt !== undefined) {
    return {
      problems: [{ offset: shape.tooDeepAt, message: `nested deeper than ${MAX_JSON_DEPTH} levels`, expected: `at most ${MAX_JSON_DEPTH} arrays and objects inside each other`, received: 'more' }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const errors: ParseError[] = [];
    parseTree(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    return { problems: errors.map((e) => ({ offset: e.offset, message: `JSON syntax error: ${describeParseError(printParseErrorCode(e.error))}` })) };
  }
  if (mayHideProblems(value, shape.keys)) {
    const tree = parseTree(body);
    const problems = tree ? keyAndNumberProblems(body, tree) : [];
    if (problems.length > 0) return { problems };
  }
  return { value };
}

/**
 * A locator for paths of one JSON text: the line and column where the value at a path starts,
 * or where the nearest existing parent starts when the path is missing. The text must have
 * parsed (its depth is bounded).
 */
export function createJsonLocator(text: string): (segments: readonly (string | number)[]) => { line: number; column: number } | undefined {
  let tree: Node | undefined;
  let parsed = false;
  const lines = createLineIndex(text);
  return (segments) => {
    if (!parsed) {
      tree = parseTree(text);
      parsed = true;
    }
    if (!tree) return undefined;
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, segments.slice(0, n) as (string | number)[]);
      if (node) return lines.locate(node.offset);
    }
    return undefined;
  };
}

export { getNodeValue };

/**
 * The segments of a report-style JSON path.
 *
 * @example
 * parseJsonPath('rules["a/b"][1].x') //=> ['rules', 'a/b', 1, 'x']
 */
export function parseJsonPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return segments;
}

/** Gives problems that have a JSON path but no line the line and column where that path starts in `text`. */
export function locateProblems(problems: readonly { path?: string; line?: number; column?: number }[], text: string): void {
  const locate = createJsonLocator(text);
  for (const p of problems) {
    if (p.line !== undefined || p.path === undefined) continue;
    const at = locate(parseJsonPath(p.path));
    if (at) {
      p.line = at.line;
      p.column = at.column;
    }
  }
}

/**
 * Parses a JSON text (a UTF-8 BOM is dropped). Every problem comes back located: syntax errors,
 * nesting deeper than {@link MAX_JSON_DEPTH}, duplicate keys (JSON.parse would silently keep the
 * last), `__proto__` keys (never data) and numbers too large for a double.
 *
 * @example
 * parseJson('{"a": 1}', 'x.json') //=> { value: { a: 1 }, text: '{"a": 1}' }
 */
export function parseJson(text: string, file?: string): { value: unknown; text: string } | { problems: Problem[] } {
  const body = withoutBom(text);
  const parsed = parseJsonText(body);
  if ('value' in parsed) return { value: parsed.value, text: body };
  const lines = createLineIndex(body);
  const problems = parsed.problems.map(({ offset, ...p }): Problem => ({ file, ...lines.locate(offset), ...p }));
  return { problems: problems.length > 0 ? problems : [{ file, message: 'not valid JSON' }] };
}

/**
 * Parses one line of an NDJSON file as {@link parseJson} does; problems carry the line given and
 * their column in it.
 *
 * @example
 * parseJsonLine('{"a":1,"a":2}', 'r.ndjson', 4) //=> { problems: [{ file: 'r.ndjson', line: 4, column: 8, path: 'a', message: 'duplicate key (also on line 1)', ... }] }
 */
export function parseJsonLine(text: string, file: string | undefined, line: number): { value: unknown } | { problems: Problem[] } {
  const parsed = parseJsonText(text);
  if ('value' in parsed) return parsed;
  // In a line, a syntax error's followers are its echoes ("value expected", then "close brace expected").
  const syntax = parsed.problems.findIndex((p) => p.message.startsWith('JSON syntax error'));
  if (syntax >= 0) parsed.problems.splice(syntax + 1);
  const problems = parsed.problems.map(({ offset, ...p }): Problem => ({ file, line, column: offset + 1, ...p, message: p.message.replace(/ \(also on line 1\)$/, ' (also in this line)') }));
  return { problems: problems.length > 0 ? problems : [{ file, line, message: 'not valid JSON' }] };
}

/** {@link parseJson}, throwing its problems as one coded error. */
export function parseJsonOrThrow(text: string, file: string | undefined, code: ErrorCode): { value: unknown; text: string } {
  const parsed = parseJson(text, file);
  if ('problems' in parsed) throw new DutyComplianceError(code, parsed.problems);
  return parsed;
}
