import { readFileSync } from 'node:fs';

/**
 * A rule page's `## Example` section: its JSON blocks and its `- zh-CN:` / `- en:` message lines,
 * in order. The doc-example tests check them against what the engine prints.
 */
export function exampleOf(file: string): { blocks: unknown[]; zh: string[]; en: string[] } {
  const text = readFileSync(file, 'utf8');
  const section = text.split(/^## Example$/m)[1]?.split(/^## /m)[0] ?? '';
  const blocks = [...section.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => JSON.parse(m[1]!) as unknown);
  const lines = (lang: string) => [...section.matchAll(new RegExp(`^- ${lang}: \`(.*)\`$`, 'gm'))].map((m) => m[1]!);
  return { blocks, zh: lines('zh-CN'), en: lines('en') };
}
