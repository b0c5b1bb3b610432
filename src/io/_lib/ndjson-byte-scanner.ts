import type { CommonRosterRow } from './ndjson-line-scanner.js';

/** The ASCII bytes of a key's opening, `{"officer":"` or `","start":"`. */
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const OFFICER = ascii('{"officer":"');
const START = ascii('","start":"');
const END = ascii('","end":"');
const TYPE = ascii('","type":"');
const COMMUNITY = ascii('","community":"');
const NOTE = ascii('","note":"');

/** Whether `bytes` holds `word` at `at`, all of it before `to`. */
function holds(bytes: Uint8Array, at: number, to: number, word: Uint8Array): boolean {
  const n = word.length;
  if (at + n > to) return false;
  for (let i = 0; i < n; i++) if (bytes[at + i] !== word[i]) return false;
  return true;
}

/**
 * The index of the closing quote of a JSON string whose bytes start at `from`, or -1 when it has
 * an escape or a control character (JSON.parse's business), or does not end before `to`. Bytes
 * of multi-byte UTF-8 characters are all ≥ 0x80: none is a quote, a backslash or a control.
 */
function stringEnd(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    if (c === 34) return i;
    if (c === 92 || c < 32) return -1;
  }
  return -1;
}

/** FNV-1a, 32 bits, of `bytes[from, to)`: the hash of {@link ByteTexts} (exported for a collision test). */
export function byteHash(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

/** How many distinct texts a scanner keeps at most: beyond that (a unique note per line), texts are decoded each time. */
const MAX_TEXTS = 1 << 16;

/**
 * The texts of byte ranges, each distinct one decoded once and then shared: a city-year's
 * millions of lines spell a few thousand officers, times, types and communities. One string
 * object per text also means a Map lookup of it hashes it once, not once per line.
 */
class ByteTexts {
  private mask = (1 << 12) - 1;
  private hashes = new Int32Array(this.mask + 1);
  private keys: (Uint8Array | undefined)[] = new Array(this.mask + 1).fill(undefined);
  private texts: string[] = new Array(this.mask + 1).fill('');
  private size = 0;

  /** The text of `bytes[from, to)`, as `Buffer.toString('utf8')` of that range gives it. */
  text(bytes: Buffer, from: number, to: number): string {
    const h = byteHash(bytes, from, to);
    const { mask, hashes, keys } = this;
    const n = to - from;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot];
      if (key === undefined) break;
      if (hashes[slot] === h && key.length === n) {
        let same = true;
        for (let i = 0; i < n; i++) {
          if (key[i] !== bytes[from + i]) {
            same = false;
            break;
          }
        }
        if (same) return this.texts[slot]!;
      }
    }
    // Decoding a range bounded by ASCII bytes gives what decoding the whole line does there:
    // no UTF-8 sequence spans an ASCII byte, and a broken one is U+FFFD either way.
    const text = bytes.toString('utf8', from, to);
    if (this.size < MAX_TEXTS) this.add(h, bytes.subarray(from, to), text);
    return text;
  }

  private add(h: number, key: Uint8Array, text: string): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const { mask, hashes, keys } = this;
    let slot = h & mask;
    while (keys[slot] !== undefined) slot = (slot + 1) & mask;
    hashes[slot] = h;
    // A copy: the key must not keep the whole chunk it was read from alive.
    keys[slot] = Uint8Array.from(key);
    // The text is decoded from this range alone: a string of its own, no slice of a larger one.
    this.texts[slot] = text;
    this.size++;
  }

  private grow(): void {
    const { hashes, keys, texts } = this;
    this.mask = this.mask * 2 + 1;
    this.hashes = new Int32Array(this.mask + 1);
    this.keys = new Array(this.mask + 1).fill(undefined);
    this.texts = new Array(this.mask + 1).fill('');
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      let slot = hashes[i]! & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hashes[i]!;
      this.keys[slot] = key;
      this.texts[slot] = texts[i]!;
    }
  }
}

/**
 * Reads NDJSON roster lines of the commonest shape straight from a file's bytes, with the texts
 * of their fields shared across lines (see {@link RosterLineBytes.scan}).
 *
 * @example
 * const scanner = new RosterLineBytes()
 * const line = Buffer.from('{"officer":"O1","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"x"}')
 * scanner.scan(line, 0, line.length) //=> { officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: 'x' }
 */
export class RosterLineBytes {
  private readonly texts = new ByteTexts();

  /**
   * The line `bytes[from, to)` (no LF, no CR) when it is exactly
   * `{"officer":"…","start":"…","end":"…","type":"…"}`, optionally with `"community":"…"` then
   * `"note":"…"` before the brace, as `scanCommonRosterLine` reads the same line once decoded;
   * `undefined` for any other line, which is then decoded and read as text. Measured hot: decoding
   * every chunk to text, then cutting and hashing each field anew, was most of NDJSON ingest. A
   * property test proves it agrees with decoding the line and scanning the text.
   */
  scan(bytes: Buffer, from: number, to: number): CommonRosterRow | undefined {
    if (!holds(bytes, from, to, OFFICER)) return undefined;
    const texts = this.texts;
    let p = from + OFFICER.length;
    let q = stringEnd(bytes, p, to);
    if (q < 0 || !holds(bytes, q, to, START)) return undefined;
    const officerAt = p;
    const officerEnd = q;
    p = q + START.length;
    q = stringEnd(bytes, p, to);
    if (q < 0 || !holds(bytes, q, to, END)) return undefined;
    const startAt = p;
    const startEnd = q;
    p = q + END.length;
    q = stringEnd(bytes, p, to);
    if (q < 0 || !holds(bytes, q, to, TYPE)) return undefined;
    const endAt = p;
    const endEnd = q;
    p = q + TYPE.length;
    q = stringEnd(bytes, p, to);
    if (q < 0) return undefined;
    const typeAt = p;
    const typeEnd = q;
    // After the type: the end of the line, or the community and/or the note, in that order.
    let communityAt = -1;
    let communityEnd = -1;
    let noteAt = -1;
    let noteEnd = -1;
    if (!(q + 2 === to && bytes[q + 1] === 125)) {
      if (holds(bytes, q, to, COMMUNITY)) {
        p = q + COMMUNITY.length;
        q = stringEnd(bytes, p, to);
        if (q < 0) return undefined;
        communityAt = p;
        communityEnd = q;
      }
      if (!(communityAt >= 0 && q + 2 === to && bytes[q + 1] === 125)) {
        if (!holds(bytes, q, to, NOTE)) return undefined;
        p = q + NOTE.length;
        q = stringEnd(bytes, p, to);
        if (q < 0 || q + 2 !== to || bytes[q + 1] !== 125) return undefined;
        noteAt = p;
        noteEnd = q;
      }
    }
    // Texts only once the whole line is known to be of the shape: a line left to the text path costs nothing here.
    const officer = texts.text(bytes, officerAt, officerEnd);
    const start = texts.text(bytes, startAt, startEnd);
    const end = texts.text(bytes, endAt, endEnd);
    const type = texts.text(bytes, typeAt, typeEnd);
    if (communityAt < 0 && noteAt < 0) return { officer, start, end, type };
    if (noteAt < 0) return { officer, start, end, type, community: texts.text(bytes, communityAt, communityEnd) };
    const note = texts.text(bytes, noteAt, noteEnd);
    return communityAt < 0 ? { officer, start, end, type, note } : { officer, start, end, type, community: texts.text(bytes, communityAt, communityEnd), note };
  }
}
