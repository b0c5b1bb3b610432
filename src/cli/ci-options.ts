import { resolve } from 'node:path';
import { DutyComplianceError, isDutyComplianceError, type Problem } from '../errors.js';
import { applyBaseline, createBaseline, formatBaseline, readBaselineFile } from '../report/baseline.js';
import type { BaselineEntry, Report, WaiverEntry } from '../report/types.js';
import type { WaiversDocument } from '../report/waivers.js';
import type { FileOutput, RunInput } from './write-files.js';

/** The CI options of `check`: waivers and baselines. */
export interface CiOptions {
  /** `--waivers FILE`. */
  waivers?: string;
  /** `--prune-waivers`: rewrite the waivers file without its unused waivers. */
  pruneWaivers: boolean;
  /** `--baseline FILE`: fail only on violations it does not list. */
  baseline?: string;
  /** `--write-baseline FILE`: record this run's violations. */
  writeBaseline?: string;
}

/** The files of the CI options, read before the check so that a bad one fails fast. */
export interface CiInputs {
  waivers?: WaiversDocument;
  baseline?: BaselineEntry[];
  /** The waivers module, loaded with the waivers file: a run without --waivers does not load it, nor the YAML parser (a quarter of the CLI bundle). */
  waiversModule?: typeof import('../report/waivers.js');
}

/**
 * Validates the CI options of a command line; their problems join the other usage problems.
 * No file may be written twice (a baseline over a report, a report over the pruned waivers).
 */
export function ciOptionProblems(options: CiOptions, cwd: string, outputs: readonly { file?: string }[]): Problem[] {
  const problems: Problem[] = [];
  if (options.pruneWaivers && options.waivers === undefined) problems.push({ path: '--prune-waivers', message: 'nothing to prune', expected: '--waivers FILE with it' });
  const written = new Set(outputs.flatMap((o) => (o.file !== undefined ? [o.file] : [])));
  const claim = (option: string, file: string) => {
    const path = resolve(cwd, file);
    if (written.has(path)) problems.push({ path: option, message: 'a file another option writes too', received: file });
    written.add(path);
  };
  if (options.writeBaseline !== undefined) claim('--write-baseline', options.writeBaseline);
  if (options.pruneWaivers && options.waivers !== undefined) claim('--prune-waivers', options.waivers);
  return problems;
}

/**
 * Reads the waivers and baseline files; the problems of both are thrown together, each located.
 */
export async function readCiInputs(options: CiOptions): Promise<CiInputs> {
  const waiversModule = options.waivers !== undefined ? await import('../report/waivers.js') : undefined;
  const [waivers, baseline] = await Promise.allSettled([
    options.waivers !== undefined ? waiversModule!.readWaiversFile(options.waivers) : undefined,
    options.baseline !== undefined ? readBaselineFile(options.baseline) : undefined,
  ]);
  const failures = [waivers, baseline].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    if (!failures.every(isDutyComplianceError)) throw failures.find((f) => !isDutyComplianceError(f));
    throw new DutyComplianceError('CONFIG_INVALID', failures.flatMap((f) => (f as DutyComplianceError).problems));
  }
  const value = <T>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : undefined);
  const w = value(waivers);
  const b = value(baseline);
  return { ...(w ? { waivers: w, waiversModule: waiversModule! } : {}), ...(b ? { baseline: b } : {}) };
}

/**
 * The report with waivers and baseline applied. "Today" for expiry is `now` in the dataset's
 * time zone, as the report states it (the dataset is read once: it may be a pipe). With
 * `--write-baseline` alone, the run is compared with the baseline it writes: adopting a
 * baseline accepts what is there now.
 */
export function applyCiInputs(report: Report, inputs: CiInputs, options: CiOptions, now: Date): Report {
  let result = report;
  if (inputs.waivers) result = inputs.waiversModule!.applyWaivers(result, inputs.waivers, { today: now, timezone: report.timezone });
  const baseline = inputs.baseline ?? (options.writeBaseline !== undefined ? createBaseline(result) : undefined);
  if (baseline) result = applyBaseline(result, baseline);
  return result;
}

/** The files the CI options may write, for the check that none of them replaces an input. */
export function ciOutputFiles(options: CiOptions, cwd: string): Pick<FileOutput, 'file' | 'option' | 'rewrites'>[] {
  const files: Pick<FileOutput, 'file' | 'option' | 'rewrites'>[] = [];
  if (options.writeBaseline !== undefined) files.push({ file: resolve(cwd, options.writeBaseline), option: '--write-baseline' });
  if (options.pruneWaivers && options.waivers !== undefined) {
    const waivers = resolve(cwd, options.waivers);
    files.push({ file: waivers, option: '--prune-waivers', rewrites: waivers });
  }
  return files;
}

/** The files the CI options read: the waivers and the baseline. */
export function ciInputFiles(options: CiOptions, cwd: string): RunInput[] {
  return [
    ...(options.waivers !== undefined ? [{ file: resolve(cwd, options.waivers), option: '--waivers' }] : []),
    ...(options.baseline !== undefined ? [{ file: resolve(cwd, options.baseline), option: '--baseline' }] : []),
  ];
}

/** The files the CI options write: the new baseline, and the pruned waivers file when it changes. */
export function ciFileOutputs(report: Report, inputs: CiInputs, options: CiOptions, cwd: string): FileOutput[] {
  const outputs: FileOutput[] = [];
  if (options.writeBaseline !== undefined) {
    outputs.push({ file: resolve(cwd, options.writeBaseline), option: '--write-baseline', what: 'the baseline', text: formatBaseline(createBaseline(report)) });
  }
  const unused = report.waivers?.unused ?? [];
  if (options.pruneWaivers && inputs.waivers && unused.length > 0) {
    const file = resolve(cwd, options.waivers!);
    outputs.push({ file, option: '--prune-waivers', what: 'the pruned waivers file', text: inputs.waiversModule!.pruneWaivers(inputs.waivers, unused), rewrites: file });
  }
  return outputs;
}

/**
 * What the CI options found, for stderr (stdout carries only reports): expired and unused
 * waivers, what was pruned, the baseline comparison and what was written.
 */
export function ciNotes(report: Report, options: CiOptions): string {
  const lines: string[] = [];
  for (const w of report.waivers?.expired ?? []) {
    const n = w.violations.length;
    lines.push(`waiver expired on ${w.expires}, so ${n} violation${n === 1 ? '' : 's'} count${n === 1 ? 's' : ''} again: ${waiverPlace(w)} ${waiverTarget(w)} (owner ${w.owner})`);
  }
  const unused = report.waivers?.unused ?? [];
  for (const w of unused) lines.push(`unused waiver (it matches no violation): ${waiverPlace(w)} ${waiverTarget(w)}`);
  if (unused.length > 0) {
    lines.push(options.pruneWaivers ? `removed ${plural(unused.length, 'unused waiver')} from ${options.waivers}` : 'run with --prune-waivers to remove unused waivers');
  }
  if (report.baseline && options.baseline !== undefined) {
    const { new: added, unchanged, fixed } = report.baseline;
    lines.push(
      `baseline ${options.baseline}: ${plural(added.errors, 'new error')}, ${plural(added.warnings, 'new warning')}; ` +
        `${unchanged.errors + unchanged.warnings} unchanged; ${fixed.length} fixed`,
    );
    for (const e of fixed) lines.push(`  fixed: ${e.ruleId} ${e.subject.type} ${e.subject.id}${e.period ? ` ${e.period.start}` : ''} (${e.fingerprint})`);
  }
  if (options.writeBaseline !== undefined) lines.push(`wrote baseline ${options.writeBaseline} (${plural(createBaseline(report).length, 'violation')})`);
  return lines.map((l) => `duty-compliance: ${l}\n`).join('');
}

function waiverPlace(w: WaiverEntry): string {
  return `${w.file ?? 'waivers'}${w.line !== undefined ? `:${w.line}` : ''}`;
}

function waiverTarget(w: WaiverEntry): string {
  if (w.fingerprint !== undefined) return `fingerprint ${w.fingerprint}`;
  return `${w.ruleId} ${w.subject?.type} ${w.subject?.id}${w.period ? ` ${w.period.start}` : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
