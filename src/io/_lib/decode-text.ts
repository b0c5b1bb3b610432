import { TextDecoder } from 'node:util';
import type { Problem } from '../../errors.js';

/** A text file's bytes as text, and how they were read. */
export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `utf-16le`, `gb18030`, `big5` …). */
  encoding: string;
  /** Set when the encoding was guessed rather than known (no BOM, not UTF-8): a note for the user. */
  note?: string;
}

/**
 * Whether `name` is an encoding label Node's TextDecoder knows (`utf-8`, `gbk`, `big5`, `utf-16le` …).
 *
 * @example
 * isEncodingName('big5') //=> true
 * isEncodingName('klingon') //=> false
 */
export function isEncodingName(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a text file's bytes (README "The input", "Encodings"): `encoding` when given; else by its BOM
 * (UTF-8, UTF-16 LE/BE); else UTF-8; else GB18030 (which covers GBK and GB2312, what Chinese
 * Excel writes), with a note saying so. Bytes that decode in none of these are one problem
 * naming the file, the offset of the first bad byte and its line.
 *
 * @example
 * decodeText(new Uint8Array([0xd6, 0xd0]), 'r.csv')
 * //=> { text: '中', encoding: 'gb18030', note: 'r.csv: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.' }
 */
export function decodeText(bytes: Uint8Array, file: string, encoding?: string): DecodedText | { problem: Problem } {
  if (encoding !== undefined) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      return { problem: { file, message: 'unknown encoding', expected: 'an encoding name such as utf-8, gb18030, big5, utf-16le', received: JSON.stringify(encoding) } };
    }
    const text = tryDecode(decoder, bytes);
    if (text !== undefined) return { text, encoding: decoder.encoding };
    return { problem: badBytes(file, bytes, decoder.encoding, `not valid ${decoder.encoding}`) };
  }
  const bom = bomEncoding(bytes);
  if (bom !== undefined) {
    const decoder = new TextDecoder(bom, { fatal: true });
    const text = tryDecode(decoder, bytes);
    if (text !== undefined) return { text, encoding: bom };
    return { problem: badBytes(file, bytes, bom, `not valid ${bom} (the file starts with a ${bom} byte-order mark)`) };
  }
  const utf8 = tryDecode(new TextDecoder('utf-8', { fatal: true }), bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(new TextDecoder('gb18030', { fatal: true }), bytes);
  if (gb !== undefined) {
    return { text: gb, encoding: 'gb18030', note: `${file}: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.` };
  }
  return { problem: badBytes(file, bytes, 'utf-8', 'not valid UTF-8, nor GB18030 (GBK)', 'a UTF-8 or GB18030 text file, or --encoding NAME') };
}

/** The encoding a byte-order mark announces; the decoder then drops the mark itself. */
function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The problem of bytes that are not `encoding`, at the first bad byte (offset and line). */
function badBytes(file: string, bytes: Uint8Array, encoding: string, message: string, expected?: string): Problem {
  const offset = firstBadOffset(bytes, encoding);
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const shown = Array.from(bytes.subarray(offset, offset + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return {
    file,
    line,
    message: `${message}: the first bad byte is at offset ${offset}`,
    expected: expected ?? `text in ${encoding}`,
    received: `bytes ${shown}`,
  };
}

/**
 * The offset where the first sequence that is not `encoding` starts. A prefix decodes as a
 * stream (a sequence cut at its end is no error) exactly when the error lies beyond it, so a
 * binary search over prefix lengths finds the failing byte with any decoder; the broken
 * sequence starts at most 3 bytes before it, after the last prefix that decodes completely.
 * Only runs for a file that is refused.
 */
function firstBadOffset(bytes: Uint8Array, encoding: string): number {
  const decodesAsStream = (n: number) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  const decodesWhole = (n: number) => tryDecode(new TextDecoder(encoding, { fatal: true }), bytes.subarray(0, n)) !== undefined;
  // `bad`: the shortest failing prefix; the whole file as a stream decodes when only its end is cut.
  let bad = bytes.length + 1;
  if (!decodesAsStream(bytes.length)) {
    let good = 0;
    bad = bytes.length;
    while (bad - good > 1) {
      const mid = (good + bad) >>> 1;
      if (decodesAsStream(mid)) good = mid;
      else bad = mid;
    }
  }
  let start = bad - 1;
  while (start > 0 && start > bad - 4 && !decodesWhole(start)) start--;
  return start;
}
