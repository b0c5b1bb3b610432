/** Lines are gathered into chunks of about this many UTF-16 units before they are handed on. */
const CHUNK_SIZE = 1 << 16;

/**
 * Lines as text in chunks of about 64 K characters: every line ends with `\n`, so the chunks
 * joined are `[...lines, ''].join('\n')`.
 *
 * @example
 * [...chunkedLines(['a', 'b'])] //=> ['a\nb\n']
 */
export function* chunkedLines(lines: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const line of lines) {
    buffer += `${line}\n`;
    if (buffer.length >= CHUNK_SIZE) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}
