/** The keys a plain roster line may have; anything else goes to JSON.parse. */
const PLAIN_KEYS: ReadonlySet<string> = new Set(['officer', 'start', 'end', 'type', 'community', 'id', 'note']);

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;

/** JSON whitespace inside one line (a line holds no LF, and its trailing CR is already gone). */
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13;

/**
 * The object of an NDJSON roster line of the common shape — one flat object of known roster
 * keys (each once), every value a string without escapes or control characters — built as
 * JSON.parse would build it; `undefined` for any other line, which then goes to JSON.parse and
 * its checks (duplicate keys, `__proto__`, numbers, depth). Measured hot: a city-year has
 * millions of such lines, and this skips the generic parser and its checks. A property test
 * proves that whatever this accepts, JSON.parse gives the same object.
 *
 * @example
 * scanPlainRosterLine('{"officer":"O1","type":"社区工作"}') //=> { officer: 'O1', type: '社区工作' }
 * scanPlainRosterLine('{"officer":"O\\u0031"}') //=> undefined
 */
export function scanPlainRosterLine(line: string): Record<string, string> | undefined {
  const n = line.length;
  let i = 0;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== OPEN) return undefined;
  i++;
  const out: Record<string, string> = {};
  let first = true;
  for (;;) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    const c = line.charCodeAt(i);
    if (c === CLOSE) {
      if (!first) return undefined; // `{"a":"b",}` is no JSON, and `,}` reaches here only after a comma
      i++;
      break;
    }
    if (c !== QUOTE) return undefined;
    const keyEnd = stringEnd(line, i + 1);
    if (keyEnd < 0) return undefined;
    const key = line.slice(i + 1, keyEnd);
    if (!PLAIN_KEYS.has(key) || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    i = keyEnd + 1;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (line.charCodeAt(i) !== COLON) return undefined;
    i++;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (line.charCodeAt(i) !== QUOTE) return undefined;
    const valueEnd = stringEnd(line, i + 1);
    if (valueEnd < 0) return undefined;
    out[key] = line.slice(i + 1, valueEnd);
    i = valueEnd + 1;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    const sep = line.charCodeAt(i);
    if (sep === CLOSE) {
      i++;
      break;
    }
    if (sep !== COMMA) return undefined;
    i++;
    first = false;
    // After a comma a key must follow: `{"a":"b",}` is refused by the `first` check above.
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (line.charCodeAt(i) !== QUOTE) return undefined;
  }
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  return i === n ? out : undefined;
}

/** The offset of the quote closing a string whose text starts at `from`; -1 when it has an escape or a control character, or does not close. */
function stringEnd(line: string, from: number): number {
  for (let j = from; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === QUOTE) return j;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}
