import type { JudgedSubjectMeasures, Language, Severity, Subject, Violation } from '../report/types.js';
import { violationFingerprint } from '../report/fingerprint.js';
import { fillMessage } from '../report/messages.js';
import { addCalendarDays } from '../time/calendar-date.js';
import type { CheckContext } from './check-context.js';
import type { FactMap, TopLevelCondition } from './conditions-schema.js';
import type { EnabledRule } from './resolve-config.js';
import type { RuleRegistry } from './registry.js';
import type { JudgedSubject, RuleModule, RuleOptions } from './rule-module.js';

/** Turns conditions into a predicate over facts; compiled once per check, called per subject. */
export type ConditionEvaluatorFactory = (conditions: TopLevelCondition) => (facts: FactMap) => boolean | Promise<boolean>;

/** How {@link runRules} evaluates and what it reports besides violations. */
export interface RunRulesOptions {
  language: Language;
  evaluatorFactory: ConditionEvaluatorFactory;
  /** Keep every judged subject's measures (plain facts and details), compliant ones too. */
  collectMeasures?: boolean;
  /** Told each rule's own time once it has run (a phase-timing report); the clock is read only when given. */
  onRuleTimed?: (ruleId: string, milliseconds: number) => void;
  /**
   * The officers from `from` on are judged elsewhere (a second thread, src/threads/), for the
   * rules judged officer by officer: `remote` answers their findings, or undefined when it could
   * not (they are then judged here).
   */
  share?: { from: number; remote: Promise<OfficerShare | undefined> };
  /** Told, once the share's findings came back, whether they were taken (else this thread judged those officers). */
  onShared?: (event: { from: number; officers: number; adopted: boolean }) => void;
}

/** A finding of a rule, as plain data: what a second thread sends back. */
export interface PlainFinding {
  judged: JudgedSubject;
  checkIndex: number;
}

/** What judging some officers found, rule by rule, for the rules judged officer by officer. */
export interface OfficerShare {
  rules: { ruleId: string; findings: PlainFinding[]; subjects: Subject[] }[];
}

/** What one rule judged: its distinct subjects, and with `collectMeasures` each subject's measures. */
export interface RuleRun {
  ruleId: string;
  /** Distinct subjects, by id then type. */
  subjects: Subject[];
  judged?: JudgedSubjectMeasures[];
}

/** The findings of {@link runRules}, and what each rule judged. */
export interface RunRulesResult {
  violations: Violation[];
  /** One per enabled rule, in the order they ran. */
  runs: RuleRun[];
}

/**
 * Runs the enabled rules over the context: each rule's subjects, each subject's facts through
 * the rule's checks in order (the first that holds is the violation). Findings are returned,
 * never thrown.
 */
export async function runRules(
  context: CheckContext,
  registry: RuleRegistry,
  enabled: readonly EnabledRule[],
  options: RunRulesOptions,
): Promise<RunRulesResult> {
  const judgings = enabled.map((rule) => new RuleJudging(context, registry.rules.get(rule.id)!, rule, options));
  const times = new Float64Array(enabled.length);
  const clock = options.onRuleTimed ? () => performance.now() : () => 0;
  // The rules whose subjects come officer by officer are run together, officer by officer: each
  // officer's entries are made from the roster's columns once for all of them, not once per rule.
  // Each rule's findings are still in its own subjects' order, so the report is the same.
  const byOfficer = judgings.filter((j) => j.byOfficer);
  const { share } = options;
  const together = officerByOfficer.enabled && (byOfficer.length > 1 || (share !== undefined && byOfficer.length > 0));
  if (together) {
    const officers = context.input.dataset.officers.length;
    const judgeOfficers = async (from: number, to: number) => {
      for (let officer = from; officer < to; officer++) {
        for (const j of byOfficer) {
          const start = clock();
          await j.judge(officer);
          times[judgings.indexOf(j)]! += clock() - start;
        }
      }
    };
    const until = share ? Math.min(share.from, officers) : officers;
    await judgeOfficers(0, until);
    if (share) {
      // While the second thread judges its officers, this one judges the other rules.
      for (let i = 0; i < judgings.length; i++) {
        if (judgings[i]!.byOfficer) continue;
        const start = clock();
        await judgings[i]!.judge();
        times[i]! += clock() - start;
      }
      // The other officers' findings come after this thread's: the order of judging every officer here.
      const remote = await share.remote;
      const adopted = remote !== undefined && adoptShare(byOfficer, remote);
      options.onShared?.({ from: until, officers, adopted });
      if (!adopted) await judgeOfficers(until, officers);
    }
  }
  const violations: Violation[] = [];
  const runs: RuleRun[] = [];
  for (let i = 0; i < judgings.length; i++) {
    const j = judgings[i]!;
    const start = clock();
    if (!(together && (j.byOfficer || share))) await j.judge();
    const { found, run } = j.finish();
    options.onRuleTimed?.(enabled[i]!.id, times[i]! + clock() - start);
    for (const v of found) violations.push(v);
    runs.push(run);
  }
  return { violations, runs };
}

/** Off: every rule runs on its own, one after the other (the general path), for tests that compare both. */
export const officerByOfficer = { enabled: true };

/**
 * Where a second thread's officers start: a little past half. This thread also runs the rules
 * not judged officer by officer (~0.3 s of a city-year) while it waits, and the second starts
 * judging later (it makes its own check context of the input it is sent). Measured on the
 * city-year: this thread waits 15–25 ms for the second's findings.
 */
export function secondShareStart(officers: number): number {
  return Math.floor(officers * 0.52);
}

/** Takes a second thread's findings when it judged exactly these rules; false (nothing taken) otherwise. */
function adoptShare(byOfficer: readonly RuleJudging[], remote: OfficerShare): boolean {
  if (remote.rules.length !== byOfficer.length || remote.rules.some((r, i) => r.ruleId !== byOfficer[i]!.ruleId)) return false;
  remote.rules.forEach((r, i) => byOfficer[i]!.adopt(r.findings, r.subjects));
  return true;
}

/**
 * Judges the officers from `from` on, for the rules judged officer by officer (what
 * {@link runRules} leaves to {@link RunRulesOptions.share}), and answers their findings as plain
 * data: each judged subject's evidence, details and message data made here, where its scope is.
 */
export async function judgeOfficerShare(context: CheckContext, registry: RuleRegistry, enabled: readonly EnabledRule[], options: RunRulesOptions, from: number): Promise<OfficerShare> {
  const byOfficer = enabled.map((rule) => new RuleJudging(context, registry.rules.get(rule.id)!, rule, options)).filter((j) => j.byOfficer);
  const officers = context.input.dataset.officers.length;
  for (let officer = from; officer < officers; officer++) for (const j of byOfficer) await j.judge(officer);
  return { rules: byOfficer.map((j) => j.plainShare()) };
}

interface Finding {
  judged: JudgedSubject;
  checkIndex: number;
}

/** One rule's judging: its subjects judged all at once, or officer by officer; then its findings as violations. */
class RuleJudging {
  private readonly findings: Finding[] = [];
  // Subjects judged, by type then id: a rule judges millions (officer × date) and most are seen again.
  private readonly judgedSubjects = new Map<string, Map<string, Subject>>();
  private readonly measures: JudgedSubjectMeasures[] | undefined;
  private readonly verdict: (subjectFacts: Record<string, unknown>) => number | Promise<number>;
  /** Whether it may be judged one officer at a time. */
  readonly byOfficer: boolean;

  constructor(
    private readonly context: CheckContext,
    private readonly module: RuleModule,
    private readonly rule: EnabledRule,
    private readonly options: RunRulesOptions,
  ) {
    const checks = module.definition.checks.map((c) => options.evaluatorFactory(c.conditions));
    this.measures = options.collectMeasures ? [] : undefined;
    const conditionFacts = new ConditionFacts(rule.options);
    // The index of the first check that holds, or -1; a promise only where an evaluator answers with one (json-rules-engine).
    this.verdict = (subjectFacts) => {
      const facts = conditionFacts.of(subjectFacts);
      for (let i = 0; i < checks.length; i++) {
        const held = checks[i]!(facts);
        if (typeof held !== 'boolean') return firstHeld(checks, facts, i, held);
        if (held) return i;
      }
      return -1;
    };
    this.byOfficer = module.facts.judge !== undefined && module.facts.byOfficer === true && !this.measures;
  }

  private readonly noteSubject = (subject: Subject): void => {
    const { type, id } = subject;
    let ofType = this.judgedSubjects.get(type);
    if (!ofType) this.judgedSubjects.set(type, (ofType = new Map()));
    if (!ofType.has(id)) ofType.set(id, { type, id });
  };

  /** Judges the rule's subjects: all of them, or (where {@link RuleJudging.byOfficer}) those of one officer, by their place in the dataset. */
  async judge(officer?: number): Promise<void> {
    const { module, context, rule, measures, findings, verdict } = this;
    if (module.facts.judge && !measures) {
      // Subjects judged where they are made: only those a check holds for become objects.
      await module.facts.judge(context, rule.options, verdict, (judged, checkIndex) => findings.push({ judged, checkIndex }), this.noteSubject, officer);
      return;
    }
    for (const judged of module.facts.subjects(context, rule.options)) {
      this.noteSubject(judged.subject);
      measures?.push(measuresOf(judged));
      const held = verdict(judged.facts);
      const checkIndex = typeof held === 'number' ? held : await held;
      if (checkIndex >= 0) findings.push({ judged, checkIndex });
    }
  }

  get ruleId(): string {
    return this.rule.id;
  }

  /** Another thread's findings and judged subjects, of officers after those judged here. */
  adopt(findings: readonly PlainFinding[], subjects: readonly Subject[]): void {
    for (const f of findings) this.findings.push(f);
    for (const subject of subjects) this.noteSubject(subject);
  }

  /** The findings and judged subjects as plain data (to send to another thread). */
  plainShare(): { ruleId: string; findings: PlainFinding[]; subjects: Subject[] } {
    const findings = this.findings.map(({ judged, checkIndex }): PlainFinding => ({ judged: plainJudged(judged), checkIndex }));
    return { ruleId: this.rule.id, findings, subjects: [...this.judgedSubjects.values()].flatMap((m) => [...m.values()]) };
  }

  /** The rule's violations and what it judged, once every subject is. */
  finish(): { found: Violation[]; run: RuleRun } {
    const { module, rule, measures, findings } = this;
    const { definition } = module;
    const merged = definition.mergeConsecutiveDates ? mergeRuns(findings, definition.expected, definition.actual) : findings;
    const subjects = [...this.judgedSubjects.values()].flatMap((m) => [...m.values()]).sort((a, b) => compareText(a.id, b.id) || compareText(a.type, b.type));
    return {
      found: merged.map(({ judged, checkIndex }) => toViolation(module, rule, judged, checkIndex, this.options.language)),
      run: { ruleId: rule.id, subjects, ...(measures ? { judged: measures } : {}) },
    };
  }
}

/** The first check that holds from `i` on, when check `i` answered with a promise (json-rules-engine). */
async function firstHeld(checks: readonly ((facts: FactMap) => boolean | Promise<boolean>)[], facts: FactMap, i: number, pending: Promise<boolean>): Promise<number> {
  if (await pending) return i;
  for (let j = i + 1; j < checks.length; j++) if (await checks[j]!(facts)) return j;
  return -1;
}

/**
 * The facts the conditions read: the subject's, and the rule's `options`. The object of the
 * subject before is reused when it has the same keys (every subject of a declarative rule): a
 * new one per subject was a third of the time of a rule judging millions of subjects.
 */
class ConditionFacts {
  private object: Record<string, unknown> | undefined;
  /** How many keys `object` has besides `options`. */
  private size = 0;

  constructor(private readonly options: RuleOptions) {}

  of(subjectFacts: Record<string, unknown>): FactMap {
    const previous = this.object;
    if (previous !== undefined) {
      let count = 0;
      let same = true;
      for (const key in subjectFacts) {
        if (key === 'options' || !Object.hasOwn(previous, key)) {
          same = false;
          break;
        }
        count++;
      }
      if (same && count === this.size) {
        for (const key in subjectFacts) previous[key] = subjectFacts[key];
        return previous;
      }
    }
    const made: Record<string, unknown> = { ...subjectFacts, options: this.options };
    this.object = made;
    this.size = Object.hasOwn(subjectFacts, 'options') ? -1 : Object.keys(subjectFacts).length;
    return made;
  }
}

/** A judged subject as a report keeps it: subject, period, and its facts and details that are plain values. */
function measuresOf(judged: JudgedSubject): JudgedSubjectMeasures {
  const facts = plainValues(judged.facts);
  const details = judged.details ? plainValues(judged.details) : {};
  return {
    subject: { type: judged.subject.type, id: judged.subject.id },
    ...(judged.period ? { period: { start: judged.period.start, end: judged.period.end } } : {}),
    facts,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

function plainValues(values: Record<string, unknown>): Record<string, number | boolean | string | null> {
  const out: Record<string, number | boolean | string | null> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Joins findings of one subject on consecutive dates with the same check, expected and actual
 * into one run (docs/rules/README.md: "one violation per maximal run of consecutive dates").
 */
function mergeRuns(findings: Finding[], expected: string | undefined, actual: string | undefined): Finding[] {
  const runs: Finding[] = [];
  const open = new Map<string, Finding>();
  for (const f of findings) {
    const { judged } = f;
    const key = JSON.stringify([judged.subject.type, judged.subject.id]);
    const last = open.get(key);
    const period = judged.period;
    if (
      last &&
      period &&
      last.judged.period &&
      last.checkIndex === f.checkIndex &&
      addCalendarDays(last.judged.period.end, 1) === period.start &&
      sameValue(last.judged.facts[expected ?? ''], judged.facts[expected ?? '']) &&
      sameValue(last.judged.facts[actual ?? ''], judged.facts[actual ?? ''])
    ) {
      last.judged = {
        ...last.judged,
        period: { start: last.judged.period.start, end: period.end },
        evidence: mergeEvidence(last.judged.evidence, judged.evidence),
      };
      continue;
    }
    const run: Finding = { judged: plainJudged(judged), checkIndex: f.checkIndex };
    runs.push(run);
    open.set(key, run);
  }
  return runs;
}

/**
 * A judged subject's fields as a plain object: by name what a subject may make on first read
 * (getters a spread would not copy), and nothing else (what another thread can be sent).
 */
function plainJudged(judged: JudgedSubject): JudgedSubject {
  const plain: JudgedSubject = { subject: judged.subject, facts: judged.facts, evidence: judged.evidence };
  if (judged.period !== undefined) plain.period = judged.period;
  if (judged.details !== undefined) plain.details = judged.details;
  if (judged.messageData !== undefined) plain.messageData = judged.messageData;
  if (judged.penalty !== undefined) plain.penalty = judged.penalty;
  return plain;
}

function mergeEvidence<T>(a: readonly T[], b: readonly T[]): T[] {
  const seen = new Set(a.map((e) => JSON.stringify(e)));
  const out = [...a];
  for (const e of b) {
    const k = JSON.stringify(e);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function toViolation(module: RuleModule, rule: EnabledRule, judged: JudgedSubject, checkIndex: number, language: Language): Violation {
  const { definition } = module;
  const params = definition.checks[checkIndex]!.event.params;
  const severity: Severity = params.severity ?? rule.severity;
  const expected = definition.expected === undefined ? undefined : judged.facts[definition.expected];
  const actual = definition.actual === undefined ? undefined : judged.facts[definition.actual];
  const details = { ...(params.details ?? {}), ...(judged.details ?? {}) };
  const data: Record<string, unknown> = {
    ...primitiveFacts(judged.facts),
    ...rule.options,
    ...details,
    ...judged.messageData,
    subject: judged.subject.id,
    expected,
    actual,
    start: judged.period?.start,
    end: judged.period?.end,
  };
  const template = definition.messages[params.messageId]!;
  const violation: Violation = {
    ruleId: definition.id,
    severity,
    subject: judged.subject,
    // A copy: subjects of one date may share their period object.
    ...(judged.period ? { period: { start: judged.period.start, end: judged.period.end } } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
    message: fillMessage(template[language], data),
    messageId: params.messageId,
    details,
    evidence: judged.evidence,
    fingerprint: violationFingerprint(definition.id, judged.subject, judged.period),
  };
  if (judged.penalty) {
    const { amount, weight } = judged.penalty;
    violation.penalty = { amount, weight, cost: amount * weight };
  }
  return violation;
}

function primitiveFacts(facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) if (v === null || typeof v !== 'object' || Array.isArray(v)) out[k] = v;
  return out;
}
