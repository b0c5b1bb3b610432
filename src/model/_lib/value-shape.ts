import type { Problem } from '../../errors.js';
import { MAX_JSON_DEPTH } from '../../io/_lib/json-location.js';
import { formatPath } from './zod-problems.js';

/**
 * What a value given to the library as an object (a config or dataset that never was text) may
 * not have, as parseJson refuses in a file: an own `__proto__` key (parsed into a record it would
 * set the new object's prototype and vanish: a half-day window, a rule's options) and nesting
 * deeper than {@link MAX_JSON_DEPTH} (later steps may recurse on it), and a value that contains
 * itself. Iterative; a part shared by several places is walked once.
 *
 * @example
 * valueShapeProblems(JSON.parse('{"rules":{"__proto__":"off"}}'), 'c.json')
 * //=> [{ file: 'c.json', path: 'rules.__proto__', message: 'a key named "__proto__" is not data', ... }]
 */
export function valueShapeProblems(value: unknown, file?: string): Problem[] {
  const problems: Problem[] = [];
  const at = file !== undefined ? { file } : {};
  const onPath = new Set<object>();
  const done = new Set<object>();
  // Paths are built only for a problem: each frame knows its parent and its key.
  interface Frame {
    value: unknown;
    parent?: Frame;
    key?: string | number;
    depth: number;
    leave?: true;
  }
  const pathOf = (frame: Frame): string => {
    const segments: (string | number)[] = [];
    for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) segments.push(f.key);
    return formatPath(segments.reverse());
  };
  const stack: Frame[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (v === null || typeof v !== 'object') continue;
    if (frame.leave) {
      onPath.delete(v);
      done.add(v);
      continue;
    }
    if (done.has(v)) continue;
    if (onPath.has(v)) {
      problems.push({ ...at, path: pathOf(frame), message: 'the value contains itself', expected: 'data: a tree of values, as JSON can write it' });
      continue;
    }
    if (frame.depth >= MAX_JSON_DEPTH) {
      problems.push({ ...at, path: pathOf(frame), message: `nested deeper than ${MAX_JSON_DEPTH} levels`, expected: `at most ${MAX_JSON_DEPTH} arrays and objects inside each other`, received: 'more' });
      continue;
    }
    onPath.add(v);
    stack.push({ ...frame, leave: true });
    const depth = frame.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (isObject(v[i])) stack.push({ value: v[i], parent: frame, key: i, depth });
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(v, '__proto__')) {
      problems.push({ ...at, path: pathOf({ value: undefined, parent: frame, key: '__proto__', depth }), message: 'a key named "__proto__" is not data', expected: 'another key', received: '"__proto__"' });
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = (v as Record<string, unknown>)[keys[i]!];
      if (keys[i] !== '__proto__' && isObject(child)) stack.push({ value: child, parent: frame, key: keys[i]!, depth });
    }
  }
  return problems;
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
