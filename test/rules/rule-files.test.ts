/**
 * ESLint's checkRuleFiles for this engine: every rule, whether found as a file on disk
 * (`rules/<pack>/<name>.json`) or as a registry entry (`BUILT_IN_RULES`), must have all of its
 * parts — a valid rule file whose id is its path, a registry entry, its logic (declarative, or a
 * facts module its doc justifies), a test, a doc page naming it, and a source passage quoted
 * verbatim from the source document where it has one — and each pack's
 * `recommended` preset must hold every rule of the pack at its file's severity.
 *
 * Failures name the rule and the missing part: this test is how gaps are found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRegistry, type RuleSource } from '../../src/engine/registry.js';
import { RuleDefinitionSchema } from '../../src/engine/rule-definition.js';
import { BUILT_IN_RULES, builtInRegistry } from '../../src/rules/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The source document, kept in the repository with its provenance (docs/source/README.md). */
const SOURCE_DIR = resolve(REPO, 'docs/source');

/** A rule known by its file on disk, its registry entry, or both. */
interface KnownRule {
  pack: string;
  name: string;
  file: string;
  entry: RuleSource | undefined;
}

/** `rules/<pack>/<name>.json` files on disk, relative to the repository. */
function ruleFilesOnDisk(): string[] {
  const root = join(REPO, 'rules');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        // A pack folder may also hold its preset and manifest: they are no rules.
        .filter((f) => f.endsWith('.json') && f !== 'recommended.json' && f !== 'pack.json')
        .map((f) => `rules/${d.name}/${f}`),
    )
    .sort();
}

/** Every rule on disk or in the registry, each once, by file. */
function knownRules(): KnownRule[] {
  const files = new Set([...ruleFilesOnDisk(), ...BUILT_IN_RULES.map((e) => e.file)]);
  return [...files].sort().map((file) => {
    const parts = file.split('/');
    return {
      pack: parts.length === 3 ? parts[1]! : '',
      name: basename(file, '.json'),
      file,
      entry: BUILT_IN_RULES.find((e) => e.file === file),
    };
  });
}

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(join(REPO, relative), 'utf8'));
}

/** The file's JSON, or the reason it cannot be read (reported by a test, not at collection). */
function tryReadJson(relative: string): { value?: unknown; error?: string } {
  try {
    return { value: readJson(relative) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function exists(relative: string): boolean {
  return existsSync(join(REPO, relative));
}

const RULES = knownRules();

describe('rule files', () => {
  it('finds rule files and registry entries', () => {
    expect(RULES.length).toBeGreaterThan(0);
  });

  for (const rule of RULES) {
    const { pack, name, file } = rule;
    const id = `${pack}/${name}`;
    const onDisk = exists(file);
    const read = onDisk ? tryReadJson(file) : {};
    const json = read.value;
    const parsed = RuleDefinitionSchema.safeParse(json);

    describe(id, () => {
      it(`lives at rules/<pack>/<name>.json (${file})`, () => {
        expect(file).toMatch(/^rules\/[a-z0-9-]+\/[a-z0-9-]+\.json$/);
        expect(onDisk, `${file} is registered but not on disk`).toBe(true);
        expect(read.error, `${file} is not JSON`).toBeUndefined();
      });

      it('validates against RuleDefinitionSchema and the registry cross-checks', () => {
        expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
        // Conditions naming undeclared facts or options, unknown messageIds, bad defaults.
        expect(() => createRegistry([{ file, definition: json, ...(rule.entry?.facts ? { facts: rule.entry.facts } : {}) }])).not.toThrow();
      });

      it('has the id <pack folder>/<file name>', () => {
        expect((json as { id?: unknown } | undefined)?.id).toBe(id);
      });

      it('is registered in BUILT_IN_RULES with the same content as the file', () => {
        expect(rule.entry, `${file} is not in BUILT_IN_RULES (src/rules/index.ts)`).toBeDefined();
        expect(rule.entry!.definition).toEqual(json);
        expect(builtInRegistry().rules.has(id)).toBe(true);
      });

      const module = `src/rules/${pack}/${name}.ts`;
      const declarative = (json as { for?: unknown } | undefined)?.for !== undefined;
      const testFile = [`test/rules/${name}.test.ts`, `test/rules/${pack}/${name}.test.ts`].find(exists);
      const page = [`docs/rules/${name}.md`, `docs/rules/${pack}/${name}.md`].find(exists);

      it('is declarative, or has a facts module its doc says why it needs', async () => {
        if (declarative) {
          // Rules are data: a declarative rule has no TypeScript of its own.
          expect(exists(module), `${module} exists, but ${id} is declarative`).toBe(false);
          expect(rule.entry?.facts, `${id} is declarative but its registry entry has a facts module`).toBeUndefined();
          return;
        }
        expect(exists(module), `${module} is missing (or give ${file} a "for")`).toBe(true);
        if (rule.entry) {
          const exports = Object.values(await import(pathToFileURL(join(REPO, module)).href));
          expect(exports, `the registry entry's facts are not exported by ${module}`).toContain(rule.entry.facts);
        }
        expect(page && readFileSync(join(REPO, page), 'utf8'), `the doc of ${id} must say why it keeps a facts module`).toMatch(/## Why a facts module/);
      });

      it(`has a test test/rules/[${pack}/]${name}.test.ts`, () => {
        expect(testFile, `test/rules/${name}.test.ts is missing`).toBeDefined();
      });

      it(`has a doc page docs/rules/[${pack}/]${name}.md that mentions ${id}`, () => {
        expect(page, `docs/rules/${name}.md is missing`).toBeDefined();
        expect(readFileSync(join(REPO, page!), 'utf8')).toContain(id);
      });

      it('is listed in the docs index docs/rules/README.md', () => {
        const index = 'docs/rules/README.md';
        expect(exists(index), `${index} is missing`).toBe(true);
        const text = readFileSync(join(REPO, index), 'utf8');
        expect(text).toContain(id);
        expect(text).toContain(`${page?.replace('docs/rules/', '')})`);
      });

      it('quotes its source passage verbatim from the source document', () => {
        expect(parsed.success).toBe(true);
        if (!parsed.success || !parsed.data.source) return;
        const { document, passage } = parsed.data.source;
        const source = join(SOURCE_DIR, document);
        expect(existsSync(source), `source document not found at ${source}`).toBe(true);
        expect(readFileSync(source, 'utf8'), `passage of ${id} is not verbatim in ${document}`).toContain(passage);
      });

      it('has every message in zh-CN and en', () => {
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        const messages = Object.entries(parsed.data.messages);
        expect(messages.length).toBeGreaterThan(0);
        for (const [messageId, template] of messages) {
          expect(Object.keys(template).sort(), messageId).toEqual(['en', 'zh-CN']);
          expect(template['zh-CN'].trim(), `${messageId} zh-CN`).not.toBe('');
          expect(template.en.trim(), `${messageId} en`).not.toBe('');
        }
      });
    });
  }
});

describe('recommended presets', () => {
  const packs = [...new Set(RULES.map((r) => r.pack))].sort();
  for (const pack of packs) {
    it(`${pack}/recommended holds every rule of the pack at its file's severity, and nothing else`, () => {
      const expected = new Map<string, unknown>();
      for (const rule of RULES.filter((r) => r.pack === pack && exists(r.file))) {
        expected.set(`${pack}/${rule.name}`, (tryReadJson(rule.file).value as { severity?: unknown } | undefined)?.severity);
      }
      const preset = builtInRegistry().presets.get(`${pack}/recommended`);
      expect(preset, `no preset ${pack}/recommended`).toBeDefined();
      expect(Object.fromEntries([...preset!].sort(([a], [b]) => a.localeCompare(b)))).toEqual(
        Object.fromEntries([...expected].sort(([a], [b]) => a.localeCompare(b))),
      );
    });
  }
});
