import type { Problem } from '../../errors.js';

/** A whitespace-separated word of a line, with its 1-based column. */
export interface Token {
  text: string;
  column: number;
}

/** A non-blank line of a competition file: its 1-based number and its words. */
export interface TextLine {
  line: number;
  tokens: Token[];
}

/**
 * The non-blank lines of a text, split into words. `(2, 5)` is read as one word `(2,5)`: the
 * competition writes pairs without spaces, but a hand-edited file may not.
 *
 * @example
 * textLines('A (2, 5)\n\nB')[1] //=> { line: 3, tokens: [{ text: 'B', column: 1 }] }
 */
export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const content = raw[i]!.replace(/\r$/, '');
    const tokens: Token[] = [];
    const re = /\([^)]*\)|[^\s(]+/g;
    for (let m = re.exec(content); m; m = re.exec(content)) tokens.push({ text: m[0].replace(/\s+/g, ''), column: m.index + 1 });
    if (tokens.length > 0) lines.push({ line: i + 1, tokens });
  }
  return lines;
}

/** A section of a competition file: its header line, the value after `=`, and the lines under it. */
export interface Section {
  name: string;
  header: TextLine;
  /** The word after `NAME =`, when the header has one. */
  value?: Token;
  rows: TextLine[];
}

/**
 * Splits a file's lines into its sections. A header is a line whose first word is one of
 * `names` (optionally followed by `= value`); every line up to the next header belongs to it.
 * Lines before the first header and repeated sections are problems. (An unknown header is not
 * guessed at: its line fails as a line of the section it falls in, which locates it.)
 *
 * @example
 * splitSections(textLines('WEEKS = 4\nSKILLS = 1\nNurse'), ['WEEKS', 'SKILLS'], 'Sc.txt', []).get('SKILLS')?.rows.length //=> 1
 */
export function splitSections(lines: readonly TextLine[], names: readonly string[], file: string, problems: Problem[]): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  for (const line of lines) {
    const header = parseHeader(line, names);
    if (header) {
      const seen = sections.get(header.name);
      if (seen) {
        problems.push({ file, line: line.line, column: 1, message: `a second ${header.name} section`, expected: `one ${header.name} section (the first is on line ${seen.header.line})` });
        current = { ...header, rows: [] }; // read, so that its lines are not taken for the previous section's
        continue;
      }
      current = { ...header, rows: [] };
      sections.set(header.name, current);
      continue;
    }
    const first = line.tokens[0]!;
    if (!current) {
      problems.push({ file, line: line.line, column: first.column, message: 'a line outside any section', expected: `a section header (${names.join(' | ')})`, received: lineText(line) });
      continue;
    }
    current.rows.push(line);
  }
  return sections;
}

function parseHeader(line: TextLine, names: readonly string[]): Omit<Section, 'rows'> | undefined {
  const [first, second, third] = line.tokens;
  // `NAME`, `NAME = value` or `NAME=value` / `NAME= value`.
  const glued = /^([A-Z_]+)=(.*)$/.exec(first!.text);
  const name = glued ? glued[1]! : first!.text;
  if (!names.includes(name)) return undefined;
  if (glued) {
    if (glued[2]) return line.tokens.length === 1 ? { name, header: line, value: { text: glued[2], column: first!.column + name.length + 1 } } : undefined;
    return line.tokens.length === 2 ? { name, header: line, value: second! } : undefined;
  }
  if (line.tokens.length === 1) return { name, header: line };
  if (second?.text === '=' && third && line.tokens.length === 3) return { name, header: line, value: third };
  if (second && /^=./.test(second.text) && line.tokens.length === 2) return { name, header: line, value: { text: second.text.slice(1), column: second.column + 1 } };
  return undefined;
}

/** A line as the user wrote it (words joined by one space), for messages. */
export function lineText(line: TextLine): string {
  return JSON.stringify(line.tokens.map((t) => t.text).join(' '));
}

/**
 * A whole number >= 0, or a located problem.
 *
 * @example
 * readCount({ text: '4', column: 9 }, 'Sc.txt', 3, 'the number of weeks', []) //=> 4
 */
export function readCount(token: Token | undefined, file: string, line: number, what: string, problems: Problem[]): number | undefined {
  if (token && /^\d+$/.test(token.text) && Number.isSafeInteger(Number(token.text))) return Number(token.text);
  problems.push({ file, line, ...(token ? { column: token.column } : {}), message: token ? `${what}: not a whole number` : `${what} is missing`, expected: 'a whole number >= 0', received: token ? JSON.stringify(token.text) : 'nothing' });
  return undefined;
}

/**
 * A pair `(a,b)` of whole numbers, or a located problem.
 *
 * @example
 * readPair({ text: '(2,5)', column: 7 }, 'Sc.txt', 9, 'consecutive assignments', []) //=> [2, 5]
 */
export function readPair(token: Token | undefined, file: string, line: number, what: string, problems: Problem[]): [number, number] | undefined {
  const m = token ? /^\((\d+),(\d+)\)$/.exec(token.text) : null;
  if (m && Number.isSafeInteger(Number(m[1])) && Number.isSafeInteger(Number(m[2]))) return [Number(m[1]), Number(m[2])];
  problems.push({ file, line, ...(token ? { column: token.column } : {}), message: token ? `${what}: not a pair of whole numbers` : `${what} is missing`, expected: '(min,max), e.g. (2,5)', received: token ? JSON.stringify(token.text) : 'nothing' });
  return undefined;
}

/** The problem of a section that should be there and is not. */
export function missingSection(name: string, file: string): Problem {
  return { file, message: `the ${name} section is missing`, expected: `a line ${JSON.stringify(name)}` };
}

/**
 * A count a header declares against the lines that follow it.
 *
 * @example
 * checkDeclaredCount(section, 3, 'nurses', 'Sc.txt', problems) // a problem when NURSES = 5 but 3 lines follow
 */
export function checkDeclaredCount(section: Section, found: number, what: string, file: string, problems: Problem[]): number | undefined {
  if (!section.value) {
    problems.push({ file, line: section.header.line, message: `${section.name} does not say how many ${what} follow`, expected: `${section.name} = N` });
    return undefined;
  }
  const declared = readCount(section.value, file, section.header.line, `the number of ${what}`, problems);
  if (declared !== undefined && declared !== found) {
    problems.push({ file, line: section.header.line, column: section.value.column, message: `${section.name} = ${declared}, but ${found} ${what} follow`, expected: `${declared} lines`, received: `${found}` });
  }
  return declared;
}

/** Whether a line has between `min` and `max` words; a located problem when not. */
export function expectWords(row: TextLine, min: number, max: number, expected: string, file: string, problems: Problem[]): boolean {
  const n = row.tokens.length;
  if (n >= min && n <= max) return true;
  problems.push({ file, line: row.line, column: row.tokens[0]!.column, message: n < min ? 'too few words on the line' : 'too many words on the line', expected, received: lineText(row) });
  return false;
}

/** The problem of a name that the scenario does not define. */
export function unknown(what: string, token: { text: string; column: number }, row: { line: number }, file: string, known: readonly string[]): Problem {
  // A long list (120 nurses) is cut: the message must stay one readable line.
  const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, … (${known.length} in all)` : known.join(', ');
  return { file, line: row.line, column: token.column, message: `unknown ${what}`, expected: known.length > 0 ? `one of ${list}` : `a ${what} of the scenario`, received: JSON.stringify(token.text) };
}

