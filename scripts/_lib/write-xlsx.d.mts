/** A cell of {@link writeXlsx}: none, text, a number, a boolean, or an Excel date/time cell. */
export type XlsxCell =
  | null
  | undefined
  | string
  | number
  | boolean
  | { date: string }
  | { chineseDate: string }
  | { time: string }
  | { dateTime: string }
  | { inline: string };

export interface XlsxSheet {
  name: string;
  /** Row i is Excel row i + 1; null is a row with no cells. */
  rows: (readonly XlsxCell[] | null)[];
  merges?: string[];
}

/** The Excel serial number of an ISO date, date-time (`YYYY-MM-DDTHH:mm`) or time (`HH:mm`). */
export function excelSerial(iso: string, date1904?: boolean): number;

/** Writes an .xlsx workbook with these sheets. */
export function writeXlsx(file: string, sheets: readonly XlsxSheet[], options?: { date1904?: boolean; sharedStrings?: boolean }): Promise<void>;
