/**
 * Characters XML 1.0 cannot carry at all, not even as character references: C0 controls but
 * tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text for XML element content: markup characters as entities, characters XML cannot hold as
 * U+FFFD, CR as a character reference (a parser would turn a literal CR into LF).
 *
 * @example
 * escapeXmlText('a < b & c') //=> 'a &lt; b &amp; c'
 */
export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    .replace(/\r/g, '&#13;');
}

/**
 * Text for a quoted attribute value: as {@link escapeXmlText}, and tab and LF as character
 * references too (a parser would otherwise normalise them to spaces).
 *
 * @example
 * escapeXmlAttribute('"x"\ny') //=> '&quot;x&quot;&#10;y'
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/[\t\n]/g, (c) => `&#${c.charCodeAt(0)};`);
}
