/**
 * The object of an NDJSON roster line of the common shape — one flat object of known roster
 * keys (each once), every value a string, no escapes — as JSON.parse builds it; `undefined` for
 * any other line, which then goes to parseJsonLine and its checks (duplicate keys, `__proto__`,
 * numbers, depth), and so does one with whitespace between its tokens. Measured hot: a city-year
 * has millions of such lines; the native JSON.parse and a length sum cost 1.3× JSON.parse alone,
 * parseJsonLine's tokenising pass 1.9× (a character-by-character scanner tried here: 2.2×). A
 * property test proves that whatever this accepts, JSON.parse and parseJsonLine give the same object.
 *
 * @example
 * scanPlainRosterLine('{"officer":"O1","type":"社区工作"}') //=> { officer: 'O1', type: '社区工作' }
 * scanPlainRosterLine('{"officer":"O\\u0031"}') //=> undefined
 */
export function scanPlainRosterLine(line: string): Record<string, string> | undefined {
  // Without a backslash no string has an escape, so every quote opens or closes a string.
  if (line.indexOf('\\') !== -1) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  // The length the line has when it spells each roster key it has once, with a string value,
  // and holds no whitespace: `{`, `}`, a member `"key":"value"` each, commas between (no
  // character needs an escape: there is none). Any other member — another key, a duplicate key
  // JSON.parse dropped, whitespace — only adds characters, so equal lengths prove none is there.
  // Reading the seven keys directly is cheaper than a for-in over the object and a set lookup.
  let length = 1;
  let members = 0;
  const { officer, start, end, type, community, id, note } = r;
  if (officer !== undefined) {
    if (typeof officer !== 'string') return undefined;
    length += officer.length + 13; // "officer":"…" and a comma or the closing brace
    members++;
  }
  if (start !== undefined) {
    if (typeof start !== 'string') return undefined;
    length += start.length + 11;
    members++;
  }
  if (end !== undefined) {
    if (typeof end !== 'string') return undefined;
    length += end.length + 9;
    members++;
  }
  if (type !== undefined) {
    if (typeof type !== 'string') return undefined;
    length += type.length + 10;
    members++;
  }
  if (community !== undefined) {
    if (typeof community !== 'string') return undefined;
    length += community.length + 15;
    members++;
  }
  if (id !== undefined) {
    if (typeof id !== 'string') return undefined;
    length += id.length + 8;
    members++;
  }
  if (note !== undefined) {
    if (typeof note !== 'string') return undefined;
    length += note.length + 10;
    members++;
  }
  if (members === 0) return line === '{}' ? (r as Record<string, string>) : undefined;
  return length === line.length ? (r as Record<string, string>) : undefined;
}

/** A roster line of the commonest shape, as {@link scanCommonRosterLine} reads it. */
export interface CommonRosterRow {
  officer: string;
  start: string;
  end: string;
  type: string;
  community?: string;
  note?: string;
}

/**
 * The end of a JSON string's text that starts at `from` (the index of its closing quote), or -1
 * when it has an escape or a control character (JSON.parse's business), or does not end before `to`.
 */
function stringEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || c < 32) return -1;
  }
  return -1;
}

/**
 * The line `text[from, to)` (no LF, no CR) when it is exactly
 * `{"officer":"…","start":"…","end":"…","type":"…"}`, optionally with `"community":"…"` then
 * `"note":"…"` before the brace — the order every exporter we know writes — read without
 * JSON.parse and without cutting the line out of its chunk; `undefined` for any other line, which
 * then goes to {@link scanPlainRosterLine} and JSON.parse. Its object has the keys in the line's
 * order, as JSON.parse gives them; a property test proves the two agree on whatever this accepts.
 *
 * Measured hot: JSON.parse of every line was the larger half of streamed NDJSON ingest. The
 * strings are slices of `text`: a long one may keep `text` alive, so whatever keeps a string
 * (a cache, an interned string, a problem) must keep a copy (the validator does).
 *
 * @example
 * scanCommonRosterLine('{"officer":"O1","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"x"}', 0, 79)
 * //=> { officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: 'x' }
 */
export function scanCommonRosterLine(text: string, from: number, to: number): CommonRosterRow | undefined {
  if (!text.startsWith('{"officer":"', from)) return undefined;
  let p = from + 12;
  let q = stringEnd(text, p, to);
  if (q < 0 || !text.startsWith('","start":"', q)) return undefined;
  const officer = text.slice(p, q);
  p = q + 11;
  q = stringEnd(text, p, to);
  if (q < 0 || !text.startsWith('","end":"', q)) return undefined;
  const start = text.slice(p, q);
  p = q + 9;
  q = stringEnd(text, p, to);
  if (q < 0 || !text.startsWith('","type":"', q)) return undefined;
  const end = text.slice(p, q);
  p = q + 10;
  q = stringEnd(text, p, to);
  if (q < 0) return undefined;
  const type = text.slice(p, q);
  // After the type: the end of the line, or the community and/or the note, in that order.
  if (q + 2 === to && text.charCodeAt(q + 1) === 125) return { officer, start, end, type };
  let community: string | undefined;
  if (text.startsWith('","community":"', q)) {
    p = q + 15;
    q = stringEnd(text, p, to);
    if (q < 0) return undefined;
    community = text.slice(p, q);
    if (q + 2 === to && text.charCodeAt(q + 1) === 125) return { officer, start, end, type, community };
  }
  if (!text.startsWith('","note":"', q)) return undefined;
  p = q + 10;
  q = stringEnd(text, p, to);
  if (q < 0 || q + 2 !== to || text.charCodeAt(q + 1) !== 125) return undefined;
  const note = text.slice(p, q);
  return community === undefined ? { officer, start, end, type, note } : { officer, start, end, type, community, note };
}
