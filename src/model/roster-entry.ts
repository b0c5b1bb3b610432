import type { Instant } from '../time/wall-time.js';

/**
 * A roster entry after validation: its officer resolved to an id, its times to instants,
 * and where it came from. The combined roster is the dataset's `roster`, then each roster
 * file in the order given; `index` counts in that order.
 */
export interface RosterEntry {
  index: number;
  /** The officer's id (a badge in the input is resolved to it). */
  officer: string;
  /** Local wall time `YYYY-MM-DDTHH:mm` in the dataset's zone. */
  start: string;
  end: string;
  startInstant: Instant;
  endInstant: Instant;
  type: string;
  community?: string;
  id?: string;
  note?: string;
  attributes?: Readonly<Record<string, string | number | boolean>>;
  file?: string;
  /** The worksheet of an .xlsx roster file; `line` is then Excel's row number. */
  sheet?: string;
  line?: number;
  /** The cell the entry was made from, for a wide roster's shift code (`D7`). */
  cell?: string;
}
