/**
 * `JSON.stringify(value, null, 2)` in pieces, so that a report of hundreds of MB is never one
 * string. Byte for byte the same text (test/format/json-chunks.property.test.ts): the big arrays
 * are written a batch of elements at a time, each batch by `JSON.stringify` itself (fast, and
 * exact by construction); only the containers around them are written here.
 *
 * Items of a {@link JsonArrayOf} (a generator's) are made one at a time, so that a format need
 * not hold all its results (SARIF's) at once.
 */

const GAP = '  ';

/** Elements stringified by one `JSON.stringify` call: few calls, small strings. */
const BATCH = 256;

/** Above this many elements, an array inside an object opens that object (it is written member by member). */
const LARGE_ARRAY = 64;

/** Pieces are gathered into chunks of about this many UTF-16 units before they are handed on. */
const CHUNK_SIZE = 1 << 16;

/**
 * The text of `JSON.stringify(value, null, 2)` as chunks of about 64 K characters; joined, the
 * chunks are exactly that text.
 *
 * @example
 * [...jsonChunks({ a: [1, 2] })].join('') //=> '{\n  "a": [\n    1,\n    2\n  ]\n}'
 */
export function* jsonChunks(value: unknown): Generator<string> {
  let buffer = '';
  for (const piece of pieces(toJson(value, ''), '')) {
    buffer += piece;
    if (buffer.length >= CHUNK_SIZE) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * Items written as a JSON array one at a time (a generator's), never all held at once; for
 * `JSON.stringify` (`toJSON`) they are collected, so either way the text is the same.
 */
export class JsonArrayOf<T> {
  constructor(readonly items: Iterable<T>) {}

  toJSON(): T[] {
    return [...this.items];
  }
}

/** `value` at `indent`, in pieces: streamed when it is worth it, else one `JSON.stringify`. */
function* pieces(value: unknown, indent: string): Generator<string> {
  if (value instanceof JsonArrayOf) yield* arrayPieces(value.items, indent);
  else if (Array.isArray(value) && value.length > 0) yield* arrayPieces(value, indent);
  else if (isPlainObject(value)) yield* objectPieces(value, indent);
  else yield stringifyAt(value, indent);
}

/**
 * Whether a value is written in pieces rather than by one `JSON.stringify`: it is, or holds, a
 * large array or a {@link JsonArrayOf}. (Small ones are faster stringified whole.)
 */
function large(value: unknown): boolean {
  if (value instanceof JsonArrayOf) return true;
  if (Array.isArray(value)) return value.length > LARGE_ARRAY || value.some(large);
  if (!isPlainObject(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key) && large(value[key])) return true;
  return false;
}

/** An object `JSON.stringify` writes as its members (no `toJSON` of its own). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function* objectPieces(object: Record<string, unknown>, indent: string): Generator<string> {
  const inner = indent + GAP;
  let first = true;
  for (const key of Object.keys(object)) {
    const member = toJson(object[key], key);
    // JSON.stringify leaves these members out.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* large(member) ? pieces(member, inner) : [stringifyAt(member, inner)];
  }
  yield first ? '{}' : `\n${indent}}`;
}

function* arrayPieces(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = indent + GAP;
  let first = true;
  let batch: unknown[] = [];
  const flush = function* () {
    if (batch.length === 0) return;
    yield `${first ? '[' : ','}\n${inner}${elementsAt(batch, inner)}`;
    first = false;
    batch = [];
  };
  let index = 0;
  for (const item of items) {
    const element = toJson(item, String(index++));
    if (large(element)) {
      yield* flush();
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      yield* pieces(element, inner);
    } else {
      batch.push(element);
      if (batch.length >= BATCH) yield* flush();
    }
  }
  yield* flush();
  yield first ? '[]' : `\n${indent}]`;
}

/** `JSON.stringify`'s own `toJSON` step (a `Date` becomes its ISO string); a {@link JsonArrayOf} stays to be streamed. */
function toJson(value: unknown, key: string): unknown {
  if (value instanceof JsonArrayOf) return value;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return value;
}

/**
 * One value as `JSON.stringify(value, null, 2)` writes it inside containers indented by
 * `indent`: its own text with `indent` after every line break (a string's line breaks are
 * escaped, so every `\n` of the text is one of the layout's).
 */
function stringifyAt(value: unknown, indent: string): string {
  // `undefined`, functions and symbols reach here only as array elements, where they are `null`.
  const text = JSON.stringify(value, null, GAP) ?? 'null';
  return indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/** Elements as `JSON.stringify` writes them inside an array at `inner`, joined by `,\n` and `inner`. */
function elementsAt(elements: readonly unknown[], inner: string): string {
  const text = JSON.stringify(elements, null, GAP);
  // `[\n  e0,\n  e1\n]`: the elements, indented one level, between the brackets.
  const body = text.slice(2 + GAP.length, -2);
  return body.replaceAll('\n', `\n${inner.slice(GAP.length)}`);
}
