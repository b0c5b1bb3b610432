/**
 * Text from the input as a terminal shows it, without acting on it: control characters (a line
 * break in a name would forge a line of the report; ESC would recolour or rewrite the screen)
 * are shown as escapes.
 *
 * @example
 * inert('张伟\n✔ 未发现违规') //=> '张伟\\n✔ 未发现违规'
 */
export function inert(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
