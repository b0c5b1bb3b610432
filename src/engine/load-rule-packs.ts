import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import * as z from 'zod';
import { DutyComplianceError, type Problem } from '../errors.js';
import { locateProblems, parseJson } from '../io/_lib/json-location.js';
import { readTextFile } from '../io/_lib/read-text.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import { createRegistry, type RuleRegistry, type RuleSource } from './registry.js';

/** `pack.json`: the pack's name, when it is not the folder's. */
const PackManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z0-9-]+$/, 'a pack name in kebab case'),
  description: z.string().optional(),
});

/** `recommended.json`: the severity of each of the pack's rules in its `<pack>/recommended` preset. */
const PresetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  rules: z.record(z.string(), z.enum(['off', 'warn', 'error'])),
});

interface ReadJson {
  file: string;
  value: unknown;
  text: string;
}

async function readJsonFile(file: string, problems: Problem[]): Promise<ReadJson | undefined> {
  const read = await readTextFile(file);
  if ('problem' in read) {
    problems.push(read.problem);
    return undefined;
  }
  const parsed = parseJson(read.text, file);
  if ('problems' in parsed) {
    for (const p of parsed.problems) problems.push(p);
    return undefined;
  }
  return { file, value: parsed.value, text: parsed.text };
}

/** A pack folder as read: its name, its rule files and its preset, if any. */
export interface RulePack {
  name: string;
  dir: string;
  rules: RuleSource[];
  /** Rule id → severity; absent: every rule of the pack at its file's severity. */
  preset?: ReadonlyMap<string, 'warn' | 'error'>;
}

/**
 * Reads a rule pack: a folder of rule files (`<rule>.json`, each with the id `<pack>/<rule>`),
 * an optional `pack.json` naming the pack (default: the folder's name) and an optional
 * `recommended.json` preset. Rule files are data: they are parsed and validated, never run.
 * Problems are pushed onto `problems`, each with its file, line and JSON path.
 */
async function readRulePack(dir: string, problems: Problem[]): Promise<RulePack | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.json')).map((d) => d.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ file: dir, message: code === 'ENOENT' ? 'no such rule pack folder' : code === 'ENOTDIR' ? 'a rule pack is a folder of rule files, not a file' : `cannot read the rule pack folder (${code ?? 'error'})`, expected: 'a folder of <rule>.json files' });
    return undefined;
  }
  let name = basename(resolve(dir));
  if (names.includes('pack.json')) {
    const manifest = await readJsonFile(join(dir, 'pack.json'), problems);
    if (manifest) {
      const parsed = PackManifestSchema.safeParse(manifest.value);
      if (parsed.success) name = parsed.data.name;
      else located(problemsFromZod(parsed.error, manifest.value, [], { file: manifest.file }), manifest.text, problems);
    }
  }
  const pack: RulePack = { name, dir, rules: [] };
  for (const fileName of names) {
    if (fileName === 'pack.json' || fileName === 'recommended.json') continue;
    const read = await readJsonFile(join(dir, fileName), problems);
    if (!read) continue;
    const expectedId = `${name}/${basename(fileName, '.json')}`;
    const id = (read.value as { id?: unknown } | null)?.id;
    const own: Problem[] = [];
    if (id !== expectedId) own.push({ file: read.file, path: 'id', message: "a pack's rule id is <pack>/<file name>", expected: JSON.stringify(expectedId), received: JSON.stringify(id) });
    // Validated here on its own, so that each problem can be given its line in this file.
    try {
      createRegistry([{ file: read.file, definition: read.value }]);
    } catch (error) {
      if (!(error instanceof DutyComplianceError)) throw error;
      for (const p of error.problems) own.push(p);
    }
    located(own, read.text, problems);
    if (own.length === 0) pack.rules.push({ file: read.file, definition: read.value });
  }
  if (names.includes('recommended.json')) {
    const read = await readJsonFile(join(dir, 'recommended.json'), problems);
    const parsed = read && PresetFileSchema.safeParse(read.value);
    if (read && parsed && !parsed.success) located(problemsFromZod(parsed.error, read.value, [], { file: read.file }), read.text, problems);
    if (read && parsed?.success) {
      const preset = new Map<string, 'warn' | 'error'>();
      const own: Problem[] = [];
      const ids = new Set(pack.rules.map((r) => (r.definition as { id: string }).id));
      for (const [ruleId, severity] of Object.entries(parsed.data.rules)) {
        if (!ids.has(ruleId)) own.push({ file: read.file, path: `rules[${JSON.stringify(ruleId)}]`, message: 'not a rule of this pack', expected: [...ids].join(', ') || 'no rules', received: JSON.stringify(ruleId) });
        else if (severity !== 'off') preset.set(ruleId, severity);
      }
      located(own, read.text, problems);
      pack.preset = preset;
    }
  }
  if (pack.rules.length === 0 && !problems.some((p) => p.file?.startsWith(dir))) {
    problems.push({ file: dir, message: 'the rule pack has no rule files', expected: 'one or more <rule>.json files' });
  }
  return pack;
}

function located(found: Problem[], text: string, into: Problem[]): void {
  locateProblems(found, text);
  for (const p of found) into.push(p);
}

/**
 * A registry of the built-in rules and the rule packs in `dirs` (`--rules DIR`, `rulePacks`).
 * A pack's rule ids are `<pack>/<rule>`; a pack named like a built-in pack or another pack, and
 * any rule file that does not validate, is an error. Throws `RULE_INVALID` listing every
 * problem of every pack, each with its file, line and JSON path.
 *
 * @example
 * const registry = await loadRulePacks(builtInRegistrySources, ['./rules/city-rest'])
 */
export async function loadRulePacks(builtIn: readonly RuleSource[], dirs: readonly string[]): Promise<RuleRegistry> {
  const problems: Problem[] = [];
  const packs: RulePack[] = [];
  for (const dir of dirs) {
    const pack = await readRulePack(dir, problems);
    if (pack) packs.push(pack);
  }
  const builtInPacks = new Set(builtIn.map((s) => (s.definition as { id: string }).id.split('/')[0]!));
  const seen = new Map<string, string>();
  for (const pack of packs) {
    if (builtInPacks.has(pack.name)) problems.push({ file: pack.dir, message: `the pack "${pack.name}" is built in`, expected: 'a pack name of its own (the folder name, or "name" in pack.json)', received: JSON.stringify(pack.name) });
    else if (seen.has(pack.name)) problems.push({ file: pack.dir, message: `a second pack named "${pack.name}"`, expected: `another name than the pack in ${seen.get(pack.name)}`, received: JSON.stringify(pack.name) });
    seen.set(pack.name, pack.dir);
  }
  if (problems.length > 0) throw new DutyComplianceError('RULE_INVALID', problems);
  const registry = createRegistry([...builtIn, ...packs.flatMap((p) => p.rules)]);
  const presets = new Map(registry.presets);
  for (const pack of packs) if (pack.preset) presets.set(`${pack.name}/recommended`, pack.preset);
  return { rules: registry.rules, presets };
}
