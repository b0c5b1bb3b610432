#!/usr/bin/env node
// Formats JSON files in place the way the rule files are written: two-space indent, and any
// array or object that fits in 100 columns on one line. Usage: node scripts/format-json.mjs FILE...
import { readFileSync, writeFileSync } from 'node:fs';

const WIDTH = 100;

/** `value` at `indent`, after `prefix` characters already on its line (a key). */
function format(value, indent, prefix = 0) {
  const flat = spaced(value);
  if (value === null || typeof value !== 'object' || indent.length + prefix + flat.length + 1 <= WIDTH) return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner, JSON.stringify(k).length + 2)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** One-line JSON with a space after `:` and `,`, and inside braces, as people write it. */
function spaced(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

for (const file of process.argv.slice(2)) {
  writeFileSync(file, `${format(JSON.parse(readFileSync(file, 'utf8')), '')}\n`);
}
