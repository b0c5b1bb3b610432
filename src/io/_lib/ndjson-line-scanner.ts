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
