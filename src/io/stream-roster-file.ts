import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { RosterReadOptions, RosterSink } from './types.js';
import { isWideCsv, readRosterFile, rosterFileKind, workbookSheet } from './read-roster-file.js';
import { readNdjsonLines } from './read-ndjson-roster.js';
import { createCsvRosterReader } from './read-csv-roster.js';
import { forEachCsvRow } from './_lib/csv-rows.js';
import { readProblem } from './_lib/read-text.js';

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
 * long CSV in UTF-8 (with or without BOM). Other files — a CSV not UTF-8 (GB18030, UTF-16, a
 * given `encoding`), a wide CSV, an .xlsx — are read whole by {@link readRosterFile}, with the
 * same rows, problems and notes. Returns the notes.
 *
 * @example
 * const builder = createInputBuilder(await readDatasetFile('dataset.json'))
 * await streamRosterFile('roster.ndjson', {}, builder)
 */
export async function streamRosterFile(file: string, options: StreamRosterOptions, sink: RosterSink): Promise<{ notes: string[] }> {
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
  if (kind === 'csv' && options.encoding === undefined) {
    const mark = sink.mark();
    const streamed = await streamUtf8Csv(file, options, sink);
    if (streamed) return { notes: [] };
    sink.rollback(mark);
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

/** The file's chunks, or the problem of a file that cannot be read (given to `sink`). */
async function* chunksOf(file: string, options: StreamRosterOptions, sink: RosterSink, rows: () => number, status: ChunkStatus = { failed: false }): AsyncGenerator<Buffer> {
  let bytesTotal = 0;
  let bytesRead = 0;
  try {
    bytesTotal = (await stat(file)).size;
    for await (const chunk of createReadStream(file, { highWaterMark: options.highWaterMark ?? 1 << 20 })) {
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
  // Each chunk is cut after its last LF and decoded once, with no string kept across chunks:
  // an LF byte is never part of a multi-byte UTF-8 sequence, so decoding line-aligned pieces
  // gives what decoding the whole file does (bad bytes become U+FFFD, not fatal), without
  // concatenating each chunk's text to the previous one's tail. A BOM at the start is dropped.
  let carry: Buffer | undefined;
  let lines = 0;
  let first = true;
  const read = (text: string, final: boolean): void => {
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    lines = readNdjsonLines(text, file, sink, lines, final).lines;
  };
  const status: ChunkStatus = { failed: false };
  for await (const chunk of chunksOf(file, options, sink, () => lines, status)) {
    const bytes = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const last = bytes.lastIndexOf(10);
    if (last === -1) {
      carry = bytes;
      continue;
    }
    // The piece ends with its LF, so every line in it is whole and all of it is consumed.
    read(bytes.toString('utf8', 0, last + 1), false);
    carry = last + 1 < bytes.length ? Buffer.from(bytes.subarray(last + 1)) : undefined;
  }
  const tail = carry === undefined ? '' : carry.toString('utf8');
  const whole = lines;
  read(tail, true);
  // The empty "line" after the file's final newline is no row.
  finalProgress(file, options, status, tail.trim() === '' ? whole : lines);
  return { notes: [] };
}

/**
 * A long CSV in UTF-8, row by row; `false` (rows given to `sink` to be rolled back) when it is
 * not one: bytes that are not UTF-8, a UTF-16 BOM, a wide roster.
 */
async function streamUtf8Csv(file: string, options: StreamRosterOptions, sink: RosterSink): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = createCsvRosterReader(file, sink);
  let rest = '';
  let line = 1;
  let rows = 0;
  let sniffed = false;
  let first = true;
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
    }
    const read = forEachCsvRow(text, row, { final, line });
    line = read.line;
    rest = text.slice(read.consumed);
    return true;
  };
  try {
    for await (const chunk of chunksOf(file, options, sink, () => rows, status)) {
      // UTF-16 is read whole: its BOM is only known here, and the decoder is UTF-8.
      if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) return false;
      first = false;
      if (!feed(rest + decoder.decode(chunk, { stream: true }), false)) return false;
    }
    if (status.failed) return true;
    if (!feed(rest + decoder.decode(), true)) return false;
  } catch (error) {
    if (error instanceof TypeError) return false; // not UTF-8: read whole, which tries GB18030
    throw error;
  }
  reader.end();
  finalProgress(file, options, status, rows);
  return true;
}
