import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { RosterReadOptions, RosterSink } from './types.js';
import { isWideCsv, readRosterFile, rosterFileKind, workbookSheet } from './read-roster-file.js';
import { readNdjsonBytes, readNdjsonLines } from './read-ndjson-roster.js';
import { RosterLineBytes } from './_lib/ndjson-byte-scanner.js';
import { createCsvRosterReader, readHeader } from './read-csv-roster.js';
import { forEachCsvRow } from './_lib/csv-rows.js';
import { readProblem, withoutBom } from './_lib/read-text.js';

/** How far into a CSV its header is looked for (as {@link isWideCsv} does on a whole text). */
const WIDE_SNIFF_CHARACTERS = 1 << 20;

/** Progress of reading one roster file. */
export interface RosterProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface StreamRosterOptions extends RosterReadOptions {
  /** Bytes per chunk read (default 1 MiB); tests use small ones to put chunk edges everywhere. */
  highWaterMark?: number;
  onProgress?: (progress: RosterProgress) => void;
}

/**
 * Reads a roster file into `sink` as a stream, never as one whole-file string: NDJSON, and a
 * long CSV in any encoding the whole-text path reads (UTF-8 with or without BOM, UTF-16 with a
 * BOM, GB18030 when it is not UTF-8, or the `encoding` given), with the same rows, problems and
 * notes. A wide CSV (the 排班表: a row per officer, a column per date, so officers × days cells
 * whatever the duty) and a CSV whose bytes are wrong (the whole-text path locates the first bad
 * byte) are read whole by {@link readRosterFile}; an .xlsx as the workbook's stream. Returns the notes.
 *
 * @example
 * const builder = createInputBuilder(await readDatasetFile('dataset.json'))
 * await streamRosterFile('roster.ndjson', {}, builder)
 */
export async function streamRosterFile(file: string, options: StreamRosterOptions, sink: RosterSink, cut?: CsvCut): Promise<{ notes: string[] }> {
  const { path, sheet } = workbookSheet(file);
  const kind = rosterFileKind(path);
  if (kind === 'ndjson') return streamNdjson(file, options, sink);
  if (kind === 'xlsx') {
    // The workbook is read as a stream already; its records go to the sink as they are made,
    // not collected first (a city-year's 排班表 is millions of records).
    const { readXlsxRoster } = await import('./read-xlsx-roster.js');
    const read = await readXlsxRoster(path, sheet, options, (r) => sink.record(r.value, r.source));
    for (const p of read.problems) sink.problem(p);
    for (const r of read.records) sink.record(r.value, r.source);
    return { notes: read.notes ?? [] };
  }
  if (kind === 'csv') {
    const streamed = await streamCsv(file, options, sink, cut);
    if (streamed) return streamed;
  }
  const roster = await readRosterFile(file, options);
  for (const p of roster.problems) sink.problem(p);
  for (const r of roster.records) sink.record(r.value, r.source);
  return { notes: roster.notes ?? [] };
}

interface ChunkStatus {
  failed: boolean;
  /** Set once every chunk was read: what the last progress after the final rows tells. */
  read?: { bytesRead: number; bytesTotal: number };
}

/** Told once more after the rows of the file's end (the last chunk's progress came before them). */
function finalProgress(file: string, options: StreamRosterOptions, status: ChunkStatus, rows: number): void {
  if (status.read) options.onProgress?.({ file, ...status.read, rows });
}

/** The file's chunks (of bytes [start, end) where given), or the problem of a file that cannot be read (given to `sink`). */
async function* chunksOf(file: string, options: StreamRosterOptions, sink: RosterSink, rows: () => number, status: ChunkStatus = { failed: false }, start = 0, end?: number): AsyncGenerator<Buffer> {
  let bytesTotal = 0;
  let bytesRead = start;
  try {
    bytesTotal = (await stat(file)).size;
    // createReadStream's `end` is inclusive; an empty range reads nothing.
    if (end !== undefined && end <= start) {
      status.read = { bytesRead, bytesTotal };
      return;
    }
    for await (const chunk of createReadStream(file, { highWaterMark: options.highWaterMark ?? 1 << 20, start, ...(end !== undefined ? { end: end - 1 } : {}) })) {
      const first = bytesRead === 0;
      bytesRead += (chunk as Buffer).length;
      // Told once before the first chunk is parsed too: when the file's first bytes arrived (phase timings).
      if (first) options.onProgress?.({ file, bytesRead, bytesTotal, rows: rows() });
      yield chunk as Buffer;
      options.onProgress?.({ file, bytesRead, bytesTotal, rows: rows() });
    }
    status.read = { bytesRead, bytesTotal };
  } catch (error) {
    status.failed = true;
    sink.problem(readProblem(file, error));
  }
}

async function streamNdjson(file: string, options: StreamRosterOptions, sink: RosterSink): Promise<{ notes: string[] }> {
  await streamNdjsonRange(file, { start: 0, linesBefore: 0 }, options, sink);
  return { notes: [] };
}

/** NDJSON files this large are read in two parts by two threads (src/threads/); smaller ones are not worth it. */
const SPLIT_BYTES = 16 * 1024 * 1024;

/**
 * Where an NDJSON roster file may be cut in two parts for two threads: the start of the first
 * line at or after its middle byte, and its size; undefined for another kind of file, a small
 * one, or one with no line starting in its second half.
 *
 * @example
 * await ndjsonSplit('roster.ndjson') //=> { at: 141692160, size: 283384049 }
 */
export async function ndjsonSplit(file: string): Promise<{ at: number; size: number } | undefined> {
  // As streamRosterFile tells a file's kind: `book.xlsx#sheet.ndjson` is a workbook's sheet.
  if (rosterFileKind(workbookSheet(file).path) !== 'ndjson') return undefined;
  return lineStartAfterMiddle(file, () => true);
}

/**
 * Where a long-format UTF-8 CSV roster may be cut in two parts for two threads, as
 * {@link ndjsonSplit} cuts NDJSON: the first line start at or after its middle byte. Undefined
 * for another kind of file, a small one, an `encoding` other than UTF-8, a UTF-16 byte-order
 * mark, or a wide roster (read whole). The cut may fall inside a quoted field: the first part's
 * reader tells whether a row starts there (see {@link CsvCut}), and reads on by itself if not.
 *
 * @example
 * await csvSplit('roster.csv', {}) //=> { at: 74186752, size: 148373504 }
 */
export async function csvSplit(file: string, options: Pick<RosterReadOptions, 'encoding'>): Promise<{ at: number; size: number } | undefined> {
  if (rosterFileKind(workbookSheet(file).path) !== 'csv') return undefined;
  if (options.encoding !== undefined && !/^utf-?8$/i.test(options.encoding)) return undefined;
  return lineStartAfterMiddle(file, (head) => {
    if (bomEncoding(head) !== undefined && bomEncoding(head) !== 'utf-8') return false;
    // Not fatal: bytes that are not UTF-8 fail the first part's reader, which then reads as GB18030.
    return !isWideCsv(new TextDecoder('utf-8').decode(head), file);
  });
}

/** The first line start at or after the middle of a file of {@link SPLIT_BYTES} or more whose first MiB `headOk` accepts. */
async function lineStartAfterMiddle(file: string, headOk: (head: Buffer) => boolean): Promise<{ at: number; size: number } | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    if (size < SPLIT_BYTES) return undefined;
    const head = Buffer.alloc(WIDE_SNIFF_CHARACTERS);
    const { bytesRead: headBytes } = await handle.read(head, 0, head.length, 0);
    if (!headOk(head.subarray(0, headBytes))) return undefined;
    const buffer = Buffer.alloc(1 << 16);
    for (let at = Math.floor(size / 2); at < size; at += buffer.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      if (bytesRead <= 0) return undefined;
      const lf = buffer.subarray(0, bytesRead).indexOf(10);
      if (lf !== -1) return at + lf + 1 < size ? { at: at + lf + 1, size } : undefined;
    }
    return undefined;
  } catch {
    // A file that cannot be read is read (and its problem reported) the usual way.
    return undefined;
  } finally {
    await handle?.close();
  }
}

/**
 * Part of an NDJSON file: bytes from `start` (0, or just after an LF) to `end` (just after an
 * LF; undefined: the file's end), its lines numbered on from `linesBefore`. Two parts that meet
 * read the rows, problems and line numbers that reading the whole file reads (a second thread
 * reads one: src/threads/).
 */
export interface NdjsonRange {
  start: number;
  end?: number;
  linesBefore: number;
}

/**
 * Reads a part of an NDJSON file into `sink`, as {@link streamRosterFile} reads the whole file.
 * Returns the number the last line of the part has (`linesBefore` plus its lines: a part ending
 * with an LF has no empty line after it, nor one of blanks at the file's end).
 *
 * @example
 * await streamNdjsonRange('roster.ndjson', { start: 0, end: 4096, linesBefore: 0 }, {}, sink) //=> { lines: 37 }
 */
export async function streamNdjsonRange(file: string, range: NdjsonRange, options: StreamRosterOptions, sink: RosterSink): Promise<{ lines: number }> {
  // Each chunk is cut after its last LF, with no text kept across chunks: an LF byte is never
  // part of a multi-byte UTF-8 sequence, so each line's bytes are read on their own (the common
  // shape straight from them, any other line decoded) and give what decoding the whole file
  // does (bad bytes become U+FFFD, not fatal). A BOM at the start is dropped.
  let carry: Buffer | undefined;
  let lines = range.linesBefore;
  // Only the file's own start may have a BOM.
  let first = range.start === 0;
  const scanner = new RosterLineBytes();
  const status: ChunkStatus = { failed: false };
  for await (const chunk of chunksOf(file, options, sink, () => lines, status, range.start, range.end)) {
    let bytes = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const last = bytes.lastIndexOf(10);
    if (last === -1) {
      carry = bytes;
      continue;
    }
    let to = last + 1;
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
        to -= 3;
      }
    }
    // The piece ends with its LF, so every line in it is whole and all of it is consumed.
    lines = readNdjsonBytes(bytes, to, file, sink, lines, scanner);
    carry = to < bytes.length ? Buffer.from(bytes.subarray(to)) : undefined;
  }
  let tail = carry === undefined ? '' : carry.toString('utf8');
  if (first && tail.charCodeAt(0) === 0xfeff) tail = tail.slice(1);
  const whole = lines;
  // A part ending with its LF has no tail: the next part's first line is not this one's.
  if (range.end !== undefined && tail === '') return { lines: whole };
  lines = readNdjsonLines(tail, file, sink, lines, true).lines;
  // The empty "line" after the file's final newline is no row.
  finalProgress(file, options, status, tail.trim() === '' ? whole : lines);
  // As the progress counts them: a tail of blanks after the last LF is no row's line.
  return { lines: tail.trim() === '' ? whole : lines };
}

/**
 * A CSV read in two parts (the second by a second thread: src/threads/): the byte the second
 * starts at, just after an LF ({@link csvSplit}). Once the first part is read, and a row starts at
 * the cut, `adoptRest` is asked to take the rest as {@link streamCsvPart} reads it, its lines
 * shifted on by the number given; where it answers false, or no row starts there (the cut fell
 * inside a quoted field), the reader reads on by itself.
 */
export interface CsvCut {
  at: number;
  adoptRest(lineShift: number): Promise<boolean>;
}

/** The note of a CSV read as GB18030 because it is not UTF-8: the whole-text path's (decodeText). */
const gb18030Note = (file: string): string => `${file}: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.`;

/**
 * A long CSV, row by row, in the encoding {@link decodeText} would choose: the one given; else
 * UTF-16 where a BOM says so; else UTF-8, and GB18030 if that fails (each failed try's rows
 * rolled back). Undefined (its rows rolled back) where the whole-text path must read it: a wide
 * roster, an unknown encoding name, bytes no encoding tried decodes.
 */
async function streamCsv(file: string, options: StreamRosterOptions, sink: RosterSink, cut?: CsvCut): Promise<{ notes: string[] } | undefined> {
  const tries: { encoding: string | 'by-bom'; note?: string }[] = options.encoding !== undefined ? [{ encoding: options.encoding }] : [{ encoding: 'by-bom' }, { encoding: 'gb18030', note: gb18030Note(file) }];
  // A second try reads the file again from its start: progress is told only once it is past
  // what the first try told, so a progress bar never goes back.
  const told = { bytesRead: -1, rows: -1 };
  const onProgress = options.onProgress;
  const triedOptions: StreamRosterOptions = onProgress
    ? {
        ...options,
        onProgress: (p) => {
          if (p.bytesRead < told.bytesRead || (p.bytesRead === told.bytesRead && p.rows < told.rows)) return;
          told.bytesRead = p.bytesRead;
          told.rows = p.rows;
          onProgress(p);
        },
      }
    : options;
  for (const [i, attempt] of tries.entries()) {
    const mark = sink.mark();
    // The second part was read as UTF-8: a GB18030 try reads the whole file here.
    const outcome = await streamCsvIn(file, triedOptions, sink, attempt.encoding, i === 0 ? cut : undefined);
    if (outcome === 'read') return { notes: attempt.note === undefined ? [] : [attempt.note] };
    sink.rollback(mark);
    // A UTF-16 file (by its BOM) or a given encoding is tried once, as decodeText does.
    if (outcome === 'whole' || outcome === 'final') return undefined;
  }
  return undefined;
}

/** The encoding a CSV's byte-order mark announces (the decoder drops the mark), or undefined without one. */
function bomEncoding(first: Uint8Array): string | undefined {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf-8';
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Streams a long CSV decoded as `encoding` (`by-bom`: as its byte-order mark says, else UTF-8) into the reader. `read`: all
 * of it; `bad-bytes`: not that encoding, another may be tried; `final`: not the encoding its BOM
 * or the user named, which the whole-text path reports; `whole`: a wide roster or an encoding
 * name the decoder does not know.
 */
async function streamCsvIn(file: string, options: StreamRosterOptions, sink: RosterSink, encoding: string, cut?: CsvCut): Promise<'read' | 'bad-bytes' | 'final' | 'whole'> {
  let decoder: TextDecoder | undefined;
  let utf8 = false;
  // Bytes that fail the encoding a BOM or the user named are not tried in another (decodeText).
  let chosenOnce = encoding !== 'by-bom';
  const decoderFor = (first: Uint8Array): TextDecoder | undefined => {
    const bom = encoding === 'by-bom' ? bomEncoding(first) : undefined;
    if (bom !== undefined) chosenOnce = true;
    const name = encoding === 'by-bom' ? (bom ?? 'utf-8') : encoding;
    try {
      const made = new TextDecoder(name, { fatal: true });
      utf8 = made.encoding === 'utf-8';
      return made;
    } catch {
      return undefined; // an unknown name: the whole-text path says so
    }
  };
  const reader = createCsvRosterReader(file, sink);
  let rest = '';
  let line = 1;
  let rows = 0;
  let sniffed = false;
  // The first bytes, until there are enough to see a byte-order mark (chunks may be tiny).
  let head: Buffer | undefined = Buffer.alloc(0);
  const status: ChunkStatus = { failed: false };
  const row = (cells: string[], at: number, errors: string[]) => {
    rows++;
    reader.row(cells, at, errors);
  };
  const feed = (text: string, final: boolean): boolean => {
    if (!sniffed) {
      if (!final && text.length < WIDE_SNIFF_CHARACTERS) {
        rest = text;
        return true;
      }
      sniffed = true;
      if (isWideCsv(text, file)) return false;
      // A U+FEFF the decoder kept (GB18030's own mark, a second one after a BOM) is dropped, as
      // parseCsvRoster drops it from the whole text.
      text = withoutBom(text);
    }
    const read = forEachCsvRow(text, row, { final, line });
    line = read.line;
    rest = text.slice(read.consumed);
    return true;
  };
  // Only the decoder's own error means "not this encoding": anything the reader or the sink
  // throws is not turned into another try.
  const decode = (bytes: Buffer | undefined, stream: boolean): string | undefined => {
    try {
      return bytes === undefined ? decoder!.decode() : decoder!.decode(bytes, { stream });
    } catch (error) {
      if (error instanceof TypeError) return undefined;
      throw error;
    }
  };
  /** Reads bytes [start, end): undefined, or how the try ends (bad bytes, a wide roster). */
  const readBytes = async (start: number, end?: number): Promise<'bad' | 'whole' | undefined> => {
    for await (const chunk of chunksOf(file, options, sink, () => rows, status, start, end)) {
      let bytes: Buffer = chunk;
      if (head !== undefined) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 3) continue;
        bytes = head;
        head = undefined;
        decoder = decoderFor(bytes);
        if (!decoder) return 'whole';
      }
      const text = decode(bytes, true);
      if (text === undefined) return 'bad';
      if (!feed(rest + text, false)) return 'whole';
    }
    return undefined;
  };
  let stopped = await readBytes(0, cut?.at);
  if (cut && stopped === undefined && !status.failed) {
    // A row starts at the cut where the first part left nothing unread (no row, quote or CR
    // open); then the second part, read from there by a fresh reader, is what reading on gives.
    // The cut is just after an LF, so a UTF-8 decoder holds no bytes of a character there.
    const clean = utf8 && sniffed && head === undefined && rest === '';
    if (clean && (await cut.adoptRest(line - 1))) {
      reader.end();
      return 'read';
    }
    stopped = await readBytes(cut.at);
  }
  if (stopped === 'bad') return chosenOnce ? 'final' : 'bad-bytes';
  if (stopped === 'whole') return 'whole';
  if (status.failed) return 'read';
  let last: string | undefined;
  if (head !== undefined) {
    decoder = decoderFor(head);
    if (!decoder) return 'whole';
    last = decode(head, false);
  } else last = decode(undefined, false);
  if (last === undefined) return chosenOnce ? 'final' : 'bad-bytes';
  if (!feed(rest + last, true)) return 'whole';
  reader.end();
  finalProgress(file, options, status, rows);
  return 'read';
}

/**
 * The second part of a CSV roster cut at `start` ({@link csvSplit}), read into `sink` as reading
 * the whole file reads it from there: the header is the file's own first row, the part's lines are
 * numbered from 1 (the line at the cut), and a row starts at the cut (the first part's reader says
 * whether it does: {@link CsvCut}). Throws where it cannot read the part as that: bytes that are
 * not UTF-8 (the whole file is then read as GB18030), a header with problems or errors (reported
 * once, by the first part), no header before the cut. Returns the part's number of lines.
 *
 * @example
 * await streamCsvPart('roster.csv', 74186752, {}, sink) //=> { lines: 1283921 }
 */
export async function streamCsvPart(file: string, start: number, options: StreamRosterOptions, sink: RosterSink): Promise<{ lines: number }> {
  const header = await csvHeaderBefore(file, start);
  const reader = createCsvRosterReader(file, sink);
  reader.row(header, 1, []);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const status: ChunkStatus = { failed: false };
  let rest = '';
  let line = 1;
  let rows = 0;
  const row = (cells: string[], at: number, errors: string[]) => {
    rows++;
    reader.row(cells, at, errors);
  };
  // A decoder's error (bytes that are not UTF-8) rejects: the first thread reads the file then.
  for await (const chunk of chunksOf(file, options, sink, () => rows, status, start)) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const read = forEachCsvRow(text, row, { final: false, line });
    line = read.line;
    rest = text.slice(read.consumed);
  }
  if (!status.failed) line = forEachCsvRow(rest + decoder.decode(), row, { final: true, line }).line;
  reader.end();
  return { lines: line - 1 };
}

/** The header row of a CSV (its first row that is not blank), which must end before byte `end` and read without a problem. */
async function csvHeaderBefore(file: string, end: number): Promise<string[]> {
  const handle = await open(file, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(Math.min(end, WIDE_SNIFF_CHARACTERS));
    head = head.subarray(0, (await handle.read(head, 0, head.length, 0)).bytesRead);
  } finally {
    await handle.close();
  }
  let header: { cells: string[]; errors: string[] } | undefined;
  // Not ended by the last bytes read: a row cut there is not given (final: false).
  forEachCsvRow(withoutBom(new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })), (cells, _line, errors) => {
    if (header === undefined && !(cells.length === 1 && cells[0] === '')) header = { cells, errors };
  }, { final: false });
  if (header === undefined || header.errors.length > 0 || readHeader(header.cells, file, 1).problems.length > 0) throw new Error(`${file}: no header to read a part by`);
  return header.cells;
}
