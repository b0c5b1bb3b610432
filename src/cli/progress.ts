import { basename } from 'node:path';

/** How far reading one roster file has come (CheckOptions.onProgress). */
export interface RosterProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  /** Rows read so far from this file. */
  rows: number;
}

/** `\r` then "erase the whole line": each update replaces the last on a terminal. */
export const CLEAR_LINE = '\r\x1b[2K';

/** The fewest milliseconds between two progress lines: at most 10 updates a second. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * One progress line (no `\r`, no newline): the file's name, its percentage read, rows, rows per
 * second since reading it began and the time left at that rate, by bytes.
 *
 * @example
 * formatProgress({ file: '/d/roster.ndjson', bytesRead: 512, bytesTotal: 1024, rows: 5000 }, 2000)
 * //=> 'reading roster.ndjson  50%  5,000 rows  2,500 rows/s  ETA 2s'
 */
export function formatProgress(progress: RosterProgress, elapsedMs: number): string {
  const { bytesRead, bytesTotal, rows } = progress;
  // An empty file is read whole at once; a file that grew while read is not read "past 100%".
  const fraction = bytesTotal > 0 ? Math.min(1, bytesRead / bytesTotal) : 1;
  const parts = [`reading ${basename(progress.file)}`, `${Math.floor(fraction * 100)}%`.padStart(4), `${group(rows)} rows`];
  // No rate or ETA before a measurable time has passed: the first chunk would make up a figure.
  if (elapsedMs > 0) {
    parts.push(`${group(Math.round((rows * 1000) / elapsedMs))} rows/s`);
    if (bytesRead > 0 && fraction < 1) parts.push(`ETA ${formatDuration(((bytesTotal - bytesRead) * elapsedMs) / bytesRead)}`);
  }
  return parts.join('  ');
}

/** `1,234,567`: digits grouped by three, the same in every locale (deterministic output). */
function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** A time left, rounded up: `3s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** What the check tells the progress line; `finish` clears it before anything else is printed. */
export interface ProgressLine {
  progress(progress: RosterProgress): void;
  /** A phase after reading (e.g. `checking rules…`): shown at once, not throttled. */
  phase(text: string): void;
  /** Prints a whole line (a note) above the progress line: cleared first, redrawn by the next update. */
  print(text: string): void;
  /** Clears the line, if one was drawn; nothing is drawn after it. */
  finish(): void;
}

/**
 * A progress line on a terminal: each update replaces the one before (`\r` + erase line), at
 * most one per {@link PROGRESS_INTERVAL_MS} (a chunk is read far more often than a person reads),
 * except the last chunk of a file, which is always shown.
 */
export function createProgressLine(write: (text: string) => void, now: () => number): ProgressLine {
  let drawn = false;
  let finished = false;
  let lastDrawn = -Infinity;
  // Rate and ETA are per file: the clock of a file starts when its first chunk is told.
  let file: string | undefined;
  let fileStart = 0;
  const draw = (text: string) => {
    write(`${CLEAR_LINE}${text}`);
    drawn = true;
  };
  return {
    progress(progress) {
      if (finished) return;
      const t = now();
      if (progress.file !== file) {
        file = progress.file;
        fileStart = t;
      }
      const last = progress.bytesRead >= progress.bytesTotal;
      if (!last && t - lastDrawn < PROGRESS_INTERVAL_MS) return;
      lastDrawn = t;
      draw(formatProgress(progress, t - fileStart));
    },
    phase(text) {
      if (finished) return;
      lastDrawn = now();
      draw(text);
    },
    print(text) {
      if (drawn) write(CLEAR_LINE);
      drawn = false;
      // The next chunk redraws at once: the note must not leave the bar missing for long.
      lastDrawn = -Infinity;
      write(text);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (drawn) write(CLEAR_LINE);
    },
  };
}

/** The marks of a phase-timing report (`DUTY_COMPLIANCE_TIMINGS=1`), each in ms since process start. */
export interface PhaseTimings {
  mark(name: string): void;
  /** Marks `name` only the first time (e.g. the first roster chunk). */
  markOnce(name: string): void;
  rule(ruleId: string, milliseconds: number): void;
  /** The report: one line per mark in the order marked, then each rule's own time. */
  format(): string;
}

/**
 * Phase timings read from `now` (the CLI passes performance.now(): ms since the process started).
 * Only made when asked for: a run without them pays nothing.
 */
export function createPhaseTimings(now: () => number): PhaseTimings {
  const marks: Array<[string, number]> = [];
  const rules: Array<[string, number]> = [];
  const seen = new Set<string>();
  return {
    mark(name) {
      seen.add(name);
      marks.push([name, now()]);
    },
    markOnce(name) {
      if (!seen.has(name)) this.mark(name);
    },
    rule(ruleId, milliseconds) {
      rules.push([ruleId, milliseconds]);
    },
    format() {
      const width = Math.max(0, ...marks.map(([n]) => n.length), ...rules.map(([id]) => id.length + 5));
      const lines = ['duty-compliance: timings (ms since process start)'];
      for (const [name, t] of marks) lines.push(`  ${name.padEnd(width)} ${t.toFixed(1).padStart(9)}`);
      if (rules.length > 0) lines.push('duty-compliance: each rule’s own time (ms)');
      for (const [id, ms] of rules) lines.push(`  rule ${id.padEnd(width - 5)} ${ms.toFixed(1).padStart(9)}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
