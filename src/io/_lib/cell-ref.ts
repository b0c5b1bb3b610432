/** A1-style cell references, for worksheets and for the cells of a wide roster grid. */

/**
 * The 1-based column of a cell reference (`D7` → 4).
 *
 * @example
 * columnNumber('AB12') //=> 28
 */
export function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n;
}

/**
 * The letters of a 1-based column (`4` → `D`).
 *
 * @example
 * columnName(28) //=> 'AB'
 */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * A cell reference for a 1-based column and row.
 *
 * @example
 * cellName(4, 7) //=> 'D7'
 */
export function cellName(column: number, row: number): string {
  return `${columnName(column)}${row}`;
}
