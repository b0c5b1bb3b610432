import { DutyComplianceError, type ErrorCode, type Problem } from '../../errors.js';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError, type Node } from 'jsonc-parser';
import { withoutBom } from './read-text.js';

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Syntax errors of a JSON text, each located; empty when it parses.
 * jsonc-parser keeps going after an error, so every error is found, not only the first.
 */
export function jsonSyntaxErrors(text: string): { message: string; line: number; column: number }[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors.map((e) => ({ message: describeParseError(printParseErrorCode(e.error)), ...lineAndColumn(text, e.offset) }));
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A locator for paths of one JSON text: the line and column where the value at a path starts,
 * or where the nearest existing parent starts when the path is missing.
 */
export function createJsonLocator(text: string): (segments: readonly (string | number)[]) => { line: number; column: number } | undefined {
  let tree: Node | undefined;
  let parsed = false;
  return (segments) => {
    if (!parsed) {
      tree = parseTree(text);
      parsed = true;
    }
    if (!tree) return undefined;
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, segments.slice(0, n) as (string | number)[]);
      if (node) return lineAndColumn(text, node.offset);
    }
    return undefined;
  };
}

export { getNodeValue };

/**
 * The segments of a report-style JSON path.
 *
 * @example
 * parseJsonPath('rules["a/b"][1].x') //=> ['rules', 'a/b', 1, 'x']
 */
export function parseJsonPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return segments;
}

/** Gives problems that have a JSON path but no line the line and column where that path starts in `text`. */
export function locateProblems(problems: readonly { path?: string; line?: number; column?: number }[], text: string): void {
  const locate = createJsonLocator(text);
  for (const p of problems) {
    if (p.line !== undefined || p.path === undefined) continue;
    const at = locate(parseJsonPath(p.path));
    if (at) {
      p.line = at.line;
      p.column = at.column;
    }
  }
}

/**
 * Parses a JSON text (a UTF-8 BOM is dropped). Syntax errors come back as located problems,
 * every one of them; `__proto__` keys become own properties (JSON.parse), never a prototype.
 *
 * @example
 * parseJson('{"a": 1}', 'x.json') //=> { value: { a: 1 }, text: '{"a": 1}' }
 */
export function parseJson(text: string, file?: string): { value: unknown; text: string } | { problems: Problem[] } {
  const body = withoutBom(text);
  try {
    return { value: JSON.parse(body), text: body };
  } catch {
    const problems: Problem[] = jsonSyntaxErrors(body).map((e) => ({ file, line: e.line, column: e.column, message: `JSON syntax error: ${e.message}` }));
    return { problems: problems.length > 0 ? problems : [{ file, message: 'not valid JSON' }] };
  }
}

/** {@link parseJson}, throwing its problems as one coded error. */
export function parseJsonOrThrow(text: string, file: string | undefined, code: ErrorCode): { value: unknown; text: string } {
  const parsed = parseJson(text, file);
  if ('problems' in parsed) throw new DutyComplianceError(code, parsed.problems);
  return parsed;
}
