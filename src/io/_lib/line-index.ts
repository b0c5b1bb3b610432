/**
 * Where each line of a text starts, found in one pass, so that locating any number of problems
 * costs a binary search each instead of a rescan from the start of the text. A line ends at LF,
 * CRLF or a lone CR (an old Mac export), as editors count them.
 *
 * @example
 * createLineIndex('a\nbc\r\nd').locate(5) //=> { line: 3, column: 1 }
 */
export function createLineIndex(text: string): { locate(offset: number): { line: number; column: number } } {
  let starts: number[] | undefined;
  const build = (): number[] => {
    const found = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) found.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        found.push(i + 1);
      }
    }
    return found;
  };
  return {
    locate(offset) {
      starts ??= build();
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >>> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - starts[low]! + 1 };
    },
  };
}

/**
 * 1-based line and column of a character offset (one lookup; build a {@link createLineIndex}
 * for many).
 *
 * @example
 * lineAndColumn('a\nbc', 3) //=> { line: 2, column: 2 }
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  return createLineIndex(text).locate(offset);
}
