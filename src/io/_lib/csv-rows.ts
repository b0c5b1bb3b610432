/**
 * The rows of a CSV text (RFC 4180, `,` between fields, `"` quotes with `""` inside), one call
 * each with its cells and the line it starts on. A row ends at LF, CRLF or a lone CR, and one file
 * may mix them (exports pasted together): each counts as one line, and a line break inside quotes
 * stays in the cell as written. Iterative and linear; a syntax error is given with its row, which
 * the caller then does not read.
 *
 * @example
 * forEachCsvRow('a,b\r"x\ny",z\n', (cells, line) => console.log(line, cells))
 * // 1 ['a', 'b']
 * // 2 ['x\ny', 'z']
 *
 * A text read in chunks is given with `final: false`: a last row not yet ended (no line break
 * after it, a quote still open, or a CR that a LF in the next chunk may follow) is not given,
 * and `consumed` says where it starts, to be given again with the next chunk; `line` is the
 * line there, the `line` to pass on.
 */
export function forEachCsvRow(
  text: string,
  onRow: (cells: string[], line: number, errors: string[]) => void,
  options: { final?: boolean; line?: number } = {},
): { consumed: number; line: number } {
  const n = text.length;
  const final = options.final ?? true;
  let i = 0;
  let line = options.line ?? 1;
  /** The offset of the next `,`, CR or LF at or after `from`, else the end. */
  const fieldEnd = (from: number): number => {
    let j = from;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 44 || c === 10 || c === 13) break;
    }
    return j;
  };
  /** Line breaks in `text[from, to)`: CRLF counts once. */
  const breaks = (from: number, to: number): number => {
    let count = 0;
    for (let j = from; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === 10) count++;
      else if (c === 13) {
        count++;
        if (text.charCodeAt(j + 1) === 10 && j + 1 < to) j++;
      }
    }
    return count;
  };

  while (i < n) {
    const rowLine = line;
    const rowStart = i;
    const cells: string[] = [];
    const errors: string[] = [];
    let ended = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        const open = i;
        let parts = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            errors.push('Quoted field unterminated');
            value = parts + text.slice(from);
            i = n;
            break;
          }
          if (text.charCodeAt(quote + 1) === 34) {
            parts += text.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value = parts + text.slice(from, quote);
          i = quote + 1;
          break;
        }
        line += breaks(open, i);
        if (i < n && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) {
          errors.push('Trailing quote on quoted field is malformed');
          const end = fieldEnd(i);
          value += text.slice(i, end);
          i = end;
        }
      } else {
        const end = fieldEnd(i);
        value = text.slice(i, end);
        i = end;
      }
      cells.push(value);
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13) {
        // A CR that ends the text may be the first half of a CRLF split between chunks.
        ended = i + 1 < n;
        i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
      } else if (c === 10) {
        ended = true;
        i++;
        line++;
      }
      break;
    }
    if (!final && !ended) return { consumed: rowStart, line: rowLine };
    onRow(cells, rowLine, errors);
  }
  return { consumed: n, line };
}
