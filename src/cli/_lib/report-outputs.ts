import { FORMATTERS, type FormatContext } from '../../format/index.js';
import type { Report } from '../../report/types.js';
import type { CliIO } from '../run-cli.js';

/** One report to produce: a format, and the file it goes to (absent: stdout). */
interface Requested {
  format: string;
  file?: string;
}

/**
 * Each requested report as the chunks of its format, made only as they are written (files
 * first, then stdout); colour only for text to a terminal.
 *
 * @example
 * const rendered = renderedOutputs([{ format: 'json', file: '/w/r.json' }, { format: 'text' }], report, context, io)
 * await writeFilesAtomically([{ file: '/w/r.json', option: '--output', what: 'the report', text: rendered[0].text }])
 */
export function renderedOutputs(outputs: readonly Requested[], report: Report, context: FormatContext, io: Pick<CliIO, 'isTTY'>): (Requested & { text: Iterable<string> })[] {
  return outputs.map((o) => ({
    ...o,
    text: FORMATTERS.get(o.format)!.chunks(report, { ...context, color: o.file === undefined && o.format === 'text' && io.isTTY && !process.env.NO_COLOR }),
  }));
}

/**
 * The report without a file, chunk by chunk to stdout, each written (or buffered, when stdout
 * has room) before the next is made.
 *
 * @example
 * await writeToStdout(renderedOutputs([{ format: 'text' }], report, context, io), io)
 */
export async function writeToStdout(rendered: readonly { file?: string; text: Iterable<string> }[], io: Pick<CliIO, 'stdout'>): Promise<void> {
  for (const o of rendered) {
    if (o.file !== undefined) continue;
    for (const chunk of o.text) await io.stdout(chunk);
  }
}
