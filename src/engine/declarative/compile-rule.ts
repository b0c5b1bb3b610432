import type { Problem } from '../../errors.js';
import type { DatePeriod, Evidence, ListRecordEvidence, Subject } from '../../report/types.js';
import { addCalendarDays, eachCalendarDate, isoDayOfWeek, isoWeekOf, type CalendarDate } from '../../time/calendar-date.js';
import type { CheckContext } from '../check-context.js';
import type { Dimension, EvidenceSpec, RuleDefinition } from '../rule-definition.js';
import type { JudgedSubject, RuleFacts, RuleOptions } from '../rule-module.js';
import { isAssignment, isRosterEntry, plainValue, RecordRef, type Run, type WindowCell } from './_lib/values.js';
import { asArray, compileExpr, compileLetExpr, DATASET_LISTS, isPlainObject, keyPath, listOf, num, same, truthy, type CompileEnv } from './compile-expr.js';
import { Bindings, DateTracker, NO_BINDINGS, Scope, sharedCacheOf, type ExprFn, type RuleRun } from './scope.js';
import { startDateOf, type Rest } from './measures.js';

/** What each dimension binds, for the expressions after it. */
function bindingOf(dim: Dimension): string[] {
  if (typeof dim === 'string') {
    return { officer: ['officer'], community: ['community'], unit: ['unit'], date: ['date'], isoWeek: ['week'], weekend: ['weekend'], horizon: [], entry: ['entry'] }[dim];
  }
  if ('list' in dim) return [dim.as ?? 'record'];
  if ('pairs' in dim) return ['previous', 'current'];
  return ['run'];
}

const ENTITY_LISTS = { officer: 'officers', community: 'communities', unit: 'units' } as const;

/** A dimension as the engine iterates it: given the bindings so far, each value it adds. */
interface Level {
  /** Yields [bindings, dates or undefined (keep), default period or undefined (keep)]. */
  each(scope: Scope): Iterable<[Record<string, unknown>, readonly CalendarDate[] | undefined, DatePeriod | undefined]>;
}

/** The ISO weeks, weekends… meeting the check period, each with its dates inside it. */
function spans(context: CheckContext, first: CalendarDate, length: number): { span: DatePeriod; dates: CalendarDate[] }[] {
  const { start, end } = context.period;
  const out: { span: DatePeriod; dates: CalendarDate[] }[] = [];
  for (let from = first; from <= end; from = addCalendarDays(from, 7)) {
    const to = addCalendarDays(from, length - 1);
    if (to < start) continue;
    out.push({ span: { start: from, end: to }, dates: eachCalendarDate(from < start ? start : from, to > end ? end : to) });
  }
  return out;
}

type Binding = [Record<string, unknown>, readonly CalendarDate[] | undefined, DatePeriod | undefined];

/** Whether `[entity, "date"]` rules are judged in their plain date loop: off only in the test that compares both ways. */
export const judgeDatesPath = { enabled: true };

type LevelFrame = [Record<string, unknown>, readonly CalendarDate[], DatePeriod];

/**
 * A time dimension's frames (bindings, dates, period), made once per check and shared by every
 * officer or community and every rule: one set of objects, not one per subject.
 */
function sharedFrames(s: Scope, key: string, make: () => LevelFrame[]): LevelFrame[] {
  let frames = s.run.shared.get(key) as LevelFrame[] | undefined;
  if (!frames) s.run.shared.set(key, (frames = make()));
  return frames;
}

function compileLevel(dim: Dimension, index: number, env: CompileEnv): Level {
  if (typeof dim === 'string') {
    switch (dim) {
      case 'officer':
      case 'community':
      case 'unit': {
        const list = ENTITY_LISTS[dim];
        return { *each(s) { for (const r of listOf(s, list)) yield [{ [dim]: r }, undefined, undefined]; } };
      }
      case 'date':
        return {
          each: (s) => sharedFrames(s, 'dateFrames', () => s.run.context.periodDates.map((d) => [{ date: d }, [d], { start: d, end: d }])),
        };
      case 'isoWeek':
        return {
          each: (s) =>
            sharedFrames(s, 'isoWeekFrames', () => {
              const { context } = s.run;
              return spans(context, isoWeekOf(context.period.start).start, 7).map(({ span, dates }) => [{ week: span }, dates, span]);
            }),
        };
      case 'weekend':
        return {
          each: (s) =>
            sharedFrames(s, 'weekendFrames', () => {
              const { context } = s.run;
              const start = context.period.start;
              const saturday = addCalendarDays(start, ((6 - isoDayOfWeek(start) + 7) % 7) - 7);
              return spans(context, saturday, 2).map(({ span, dates }) => [{ weekend: span }, dates, span]);
            }),
        };
      case 'horizon':
        return { *each(s) { yield [{}, s.run.context.periodDates, { ...s.run.context.period }]; } };
      case 'entry':
        return {
          *each(s) {
            const officer = s.vars.get('officer');
            const { context } = s.run;
            const entries = officer instanceof RecordRef ? context.entriesOf(officer.value.id as string) : context.roster;
            for (const e of entries) {
              const d = startDateOf(s, e);
              yield [{ entry: e }, [d], { start: d, end: d }];
            }
          },
        };
    }
  }
  if ('list' in dim) {
    const as = dim.as ?? 'record';
    return { *each(s) { for (const r of listOf(s, dim.list)) yield [{ [as]: r }, undefined, undefined]; } };
  }
  if ('pairs' in dim) {
    const { list, groupBy, orderBy } = dim.pairs;
    return {
      *each(s) {
        const groups = new Map<string, RecordRef[]>();
        for (const r of listOf(s, list)) {
          const key = JSON.stringify(r.value[groupBy] ?? null);
          let g = groups.get(key);
          if (!g) groups.set(key, (g = []));
          g.push(r);
        }
        for (const g of groups.values()) {
          const sorted = [...g].sort((a, b) => compareValues(a.value[orderBy], b.value[orderBy]));
          for (let i = 1; i < sorted.length; i++) yield [{ previous: sorted[i - 1], current: sorted[i] }, undefined, undefined];
        }
      },
    };
  }
  return compileRuns(dim.runs, keyPath(`for.each`, index), env);
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `{ "runs": { key, carry? } }`: the maximal runs of consecutive dates of the check period on
 * which `key` (an expression of `date`) keeps one value; null, false or absent is no run. A
 * `carry` (history) extends a run at the period's start by `length` days when its `key`
 * matches the first date's; one that does not match is a run that ended with the history.
 */
function compileRuns(spec: { key: unknown; carry?: { key: unknown; length: unknown } | undefined }, path: string, env: CompileEnv): Level {
  const dayEnv = { ...env, vars: new Set([...env.vars, 'date']) };
  const key = compileExpr(spec.key, keyPath(keyPath(path, 'runs'), 'key'), dayEnv);
  const carryKey = spec.carry ? compileExpr(spec.carry.key, keyPath(keyPath(keyPath(path, 'runs'), 'carry'), 'key'), env) : undefined;
  const carryLength = spec.carry ? compileExpr(spec.carry.length, keyPath(keyPath(keyPath(path, 'runs'), 'carry'), 'length'), env) : undefined;
  const none = (v: unknown) => v === null || v === undefined || v === false;
  return {
    *each(s) {
      const dates = s.run.context.periodDates;
      if (dates.length === 0) return;
      // A key that reads nothing that changes (no entry starts, the same assignments…) holds on the dates after it.
      const keys: unknown[] = new Array(dates.length);
      const tracker = new DateTracker();
      const lastDate = dates[dates.length - 1]!;
      for (let d = 0; d < dates.length; ) {
        tracker.begin(dates[d]!, lastDate);
        const value = plainValue(key(s.withTrackedDate(dates[d]!, tracker)));
        tracker.active = false;
        keys[d++] = value;
        while (d < dates.length && dates[d]! <= tracker.until) keys[d++] = value;
      }
      const ck = carryKey ? plainValue(carryKey(s)) : null;
      const cl = carryLength ? Math.max(0, num(carryLength(s)) || 0) : 0;
      const runs: Run[] = [];
      const last = dates.length - 1;
      let i = 0;
      let carried = 0;
      if (!none(ck) && cl > 0) {
        if (same(keys[0], ck)) carried = cl;
        else {
          const before = addCalendarDays(dates[0]!, -1);
          runs.push({ key: ck, days: 0, carried: cl, length: cl, start: before, end: before, atStart: true, atEnd: false });
        }
      }
      while (i <= last) {
        if (none(keys[i])) {
          i++;
          continue;
        }
        let j = i;
        while (j < last && same(keys[j + 1], keys[i])) j++;
        const days = j - i + 1;
        const c = i === 0 ? carried : 0;
        runs.push({ key: keys[i], days, carried: c, length: days + c, start: dates[i]!, end: dates[j]!, atStart: i === 0, atEnd: j === last });
        i = j + 1;
      }
      for (const run of runs) yield [{ run }, run.days === 0 ? [] : eachCalendarDate(run.start, run.end), { start: run.start, end: run.end }];
    },
  };
}

/** The evidence source of a dataset list's records. */
const SOURCE_OF_LIST: Readonly<Record<string, string>> = {
  units: 'unit',
  communities: 'community',
  officers: 'officer',
  establishment: 'establishment',
  transfers: 'transfer',
  policeRooms: 'policeRoom',
  nonNormalDuty: 'nonNormalDuty',
};

/**
 * A record as evidence: its source (the list's kind, or `record` with the list's name), the file
 * and line it was read from where it says so, the fields the rule names (its `id` by default),
 * its place in the list and its JSON path.
 */
function recordEvidence(ref: RecordRef, fields: readonly string[] | undefined, source: string | undefined): ListRecordEvidence {
  const ownList = DATASET_LISTS.includes(ref.list);
  const out: Record<string, unknown> = { source: source ?? SOURCE_OF_LIST[ref.list] ?? 'record' };
  if (!ownList) {
    out.list = ref.list;
    if (typeof ref.value.file === 'string') out.file = ref.value.file;
    if (typeof ref.value.line === 'number') out.line = ref.value.line;
  }
  for (const f of fields ?? (ref.value.id !== undefined ? ['id'] : [])) {
    const v = Object.prototype.hasOwnProperty.call(ref.value, f) ? ref.value[f] : undefined;
    if (v !== undefined) out[f] = v;
  }
  out.index = ref.index;
  out.path = ownList ? `${ref.list}[${ref.index}]` : `records.${ref.list}[${ref.index}]`;
  return out as ListRecordEvidence;
}

function itemEvidence(context: CheckContext, item: unknown, minutes: number | undefined, fields?: readonly string[], source?: string): Evidence | Evidence[] | undefined {
  if (isRosterEntry(item)) return context.rosterEvidence(item, minutes);
  // A rest stands on the entry that ends the earlier duty period and the one that starts the later.
  if (isPlainObject(item) && item.source === 'rest') return [context.rosterEvidence((item as unknown as Rest).before), context.rosterEvidence((item as unknown as Rest).after)];
  if (item instanceof RecordRef) return recordEvidence(item, fields, source);
  if (isAssignment(item)) return context.assignmentEvidence(item);
  if (isPlainObject(item) && item.source === 'half-day') return item as unknown as WindowCell;
  return undefined;
}

type EvidenceFn = (s: Scope) => Evidence[];

function compileEvidence(specs: readonly EvidenceSpec[], env: CompileEnv): EvidenceFn {
  const parts = specs.map((spec, i): EvidenceFn => {
    const path = `evidence[${i}]`;
    if ('from' in spec) {
      if (!env.lets.has(spec.from)) {
        env.problems.push({ path: `${path}.from`, message: 'names no let value', expected: [...env.lets].join(', '), received: JSON.stringify(spec.from) });
        return () => [];
      }
      const name = spec.from;
      return (s) => {
        const value = s.letValue(name);
        const witness = s.witnesses.get(name);
        if (witness) {
          const entries = [...witness.entryMinutes.values()].sort((a, b) => a.entry.startInstant - b.entry.startInstant || a.entry.index - b.entry.index);
          return [...witness.cells, ...entries.map(({ entry, minutes }) => s.run.context.rosterEvidence(entry, minutes))];
        }
        return asArray(value).flatMap((item) => itemEvidence(s.run.context, item, undefined) ?? []);
      };
    }
    if ('record' in spec) {
      const record = compileExpr(spec.record, `${path}.record`, env);
      return (s) => {
        const r = record(s);
        return (Array.isArray(r) ? r : [r]).flatMap((item) => itemEvidence(s.run.context, item, undefined, spec.fields, spec.source) ?? []);
      };
    }
    const each = compileExpr(spec.each, `${path}.each`, env);
    const minutes = spec.minutes === undefined ? undefined : compileExpr(spec.minutes, `${path}.minutes`, { ...env, vars: new Set([...env.vars, 'item']) });
    return (s) => {
      // Each piece once: two rests ending on one date may share an entry.
      const seen = new Set<unknown>();
      const out: Evidence[] = [];
      for (const item of asArray(each(s)).flat()) {
        const m = minutes ? num(minutes(s.withOne('item', item))) : undefined;
        const found = itemEvidence(s.run.context, item, m) ?? [];
        for (const e of Array.isArray(found) ? found : [found]) {
          const key = 'index' in e && 'source' in e ? `${e.source}:${(e as { path?: string }).path ?? ''}:${e.index}` : JSON.stringify(e);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(e);
        }
      }
      return out;
    };
  });
  return (s) => parts.flatMap((p) => p(s));
}

/**
 * A subject judged by a declarative rule. Its evidence is made on first read: only for the
 * subjects that are reported, not for the many that comply.
 */
class Judgement implements JudgedSubject {
  period?: DatePeriod;
  private made: Evidence[] | undefined;
  private described: { details?: Record<string, unknown>; messageData?: Record<string, string | number>; penalty?: { amount: number; weight: number } } | undefined;

  constructor(
    readonly subject: Subject,
    readonly facts: Record<string, unknown>,
    private readonly scope: Scope,
    private readonly makeEvidence: EvidenceFn,
    private readonly describe: (s: Scope) => NonNullable<Judgement['described']>,
  ) {}

  get evidence(): Evidence[] {
    return (this.made ??= this.makeEvidence(this.scope));
  }

  set evidence(value: Evidence[]) {
    this.made = value;
  }

  // Details, message data and penalty are, like evidence, made on first read (a reported subject).
  get details(): Record<string, unknown> | undefined {
    return (this.described ??= this.describe(this.scope)).details;
  }

  get messageData(): Record<string, string | number> | undefined {
    return (this.described ??= this.describe(this.scope)).messageData;
  }

  get penalty(): { amount: number; weight: number } | undefined {
    return (this.described ??= this.describe(this.scope)).penalty;
  }
}

/** The fact names conditions read (`fact`, and a `value` of `{ "fact": … }`). */
function factsReadBy(conditions: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [...conditions];
  while (stack.length) {
    const c = stack.pop();
    if (Array.isArray(c)) stack.push(...c);
    else if (isPlainObject(c)) {
      if (typeof c.fact === 'string') out.add(c.fact);
      for (const v of Object.values(c)) stack.push(v);
    }
  }
  return out;
}

/** The `let` names an expression reads, for the cycle check. */
function letReferences(expr: unknown, lets: ReadonlySet<string>, out: Set<string>): Set<string> {
  // An explicit stack: a rule file's nesting depth never becomes the engine's recursion depth.
  const stack: unknown[] = [expr];
  while (stack.length) {
    const e = stack.pop();
    if (Array.isArray(e)) stack.push(...e);
    else if (isPlainObject(e)) {
      if (typeof e.var === 'string') {
        const head = e.var.split('.')[0]!;
        if (lets.has(head)) out.add(head);
      }
      for (const v of Object.values(e)) stack.push(v);
    }
  }
  return out;
}

function findLetCycle(lets: Readonly<Record<string, unknown>>): string[] | undefined {
  const names = new Set(Object.keys(lets));
  const deps = new Map([...names].map((n) => [n, letReferences(lets[n], names, new Set())]));
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of names) {
    if (state.get(start) === 'done') continue;
    const path: string[] = [];
    const stack: [string, Iterator<string>][] = [[start, deps.get(start)!.values()]];
    state.set(start, 'visiting');
    path.push(start);
    while (stack.length) {
      const [node, it] = stack[stack.length - 1]!;
      const next = it.next();
      if (next.done) {
        state.set(node, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const n = next.value;
      if (state.get(n) === 'visiting') return [...path.slice(path.indexOf(n)), n];
      if (state.get(n) === undefined) {
        state.set(n, 'visiting');
        path.push(n);
        stack.push([n, deps.get(n)!.values()]);
      }
    }
  }
  return undefined;
}

/**
 * Compiles a rule file's declarative part (`for`, `let`, `subject`, `period`, `evidence`,
 * `details`, `messageData`, `penalty`) into the facts of its subjects. Every problem is returned
 * with its JSON path in the rule file; a rule with problems is not run.
 *
 * @example
 * const { facts, problems } = compileDeclarativeRule(definition)
 */
export function compileDeclarativeRule(definition: RuleDefinition): { facts: RuleFacts; problems: Problem[] } {
  const problems: Problem[] = [];
  const forSpec = definition.for!;
  const lets = definition.let ?? {};
  const letNames = new Set(Object.keys(lets));
  const options = new Set(Object.keys(definition.options));
  const vars = new Set<string>();
  const levels: Level[] = [];
  forSpec.each.forEach((dim, i) => {
    levels.push(compileLevel(dim, i, { lets: new Set(), options, vars: new Set(vars), problems }));
    if (typeof dim !== 'string' && 'runs' in dim && !vars.has('officer')) {
      problems.push({ path: `for.each[${i}]`, message: 'runs are an officer\'s', expected: '"officer" before the runs dimension', received: JSON.stringify(forSpec.each) });
    }
    for (const b of bindingOf(dim)) {
      if (vars.has(b)) problems.push({ path: `for.each[${i}]`, message: `"${b}" is bound twice`, expected: 'each binding once (use "as" for a second list)', received: JSON.stringify(dim) });
      vars.add(b);
    }
  });
  const env: CompileEnv = { lets: letNames, options, vars, problems };
  const cycle = findLetCycle(lets);
  if (cycle) problems.push({ path: `let.${cycle[0]}`, message: 'the let values read each other in a circle', expected: 'no cycle', received: cycle.join(' → ') });
  const fromNames = new Set((definition.evidence ?? []).flatMap((e) => ('from' in e ? [e.from] : [])));
  const letFns = new Map<string, ExprFn>(Object.entries(lets).map(([name, expr]) => [name, compileLetExpr(expr, keyPath('let', name), env, fromNames.has(name) ? name : undefined)]));
  const where = forSpec.where === undefined ? undefined : compileExpr(forSpec.where, 'for.where', env);
  for (const fact of Object.keys(definition.facts)) {
    if (!letNames.has(fact)) problems.push({ path: `facts.${fact}`, message: 'a fact the rule declares but does not compute', expected: `a let value named ${fact}`, received: [...letNames].join(', ') || 'no let values' });
  }
  const first = forSpec.each[0]!;
  const defaultId: ExprFn | undefined =
    typeof first === 'string'
      ? first === 'entry'
        ? (s) => (s.vars.get('entry') as { officer: string }).officer
        : first in ENTITY_LISTS
          ? (s) => (s.vars.get(first) as RecordRef).value.id
          : undefined
      : 'list' in first
        ? (s) => (s.vars.get(first.as ?? 'record') as RecordRef).value.id
        : undefined;
  const subjectId = definition.subject ? compileExpr(definition.subject.id, 'subject.id', env) : defaultId;
  if (!subjectId) problems.push({ path: 'subject', message: 'the subject needs an id', expected: '{ "subject": { "id": expression } }', received: JSON.stringify(first) });
  const periodStart = definition.period ? compileExpr(definition.period.start, 'period.start', env) : undefined;
  const periodEnd = definition.period ? compileExpr(definition.period.end, 'period.end', env) : undefined;
  const evidence = compileEvidence(definition.evidence ?? [], env);
  const compileMap = (map: Readonly<Record<string, unknown>> | undefined, at: string) =>
    Object.entries(map ?? {}).map(([k, v]) => [k, compileExpr(v, keyPath(at, k), env)] as const);
  const details = compileMap(definition.details, 'details');
  const messageData = compileMap(definition.messageData, 'messageData');
  const penaltyAmount = definition.penalty ? compileExpr(definition.penalty.amount, 'penalty.amount', env) : undefined;
  const penaltyWeight = definition.penalty ? compileExpr(definition.penalty.weight, 'penalty.weight', env) : undefined;
  const factNames = Object.keys(definition.facts);
  // The facts the checks read: all a compliant subject needs. The others are made for the reported ones.
  const checked = factsReadBy(definition.checks.map((c) => c.conditions));
  const verdictFacts = factNames.filter((name) => checked.has(name));
  const subjectType = definition.subjectType;

  // A rule judged date by date (its last dimension `date`) may skip the dates that would judge
  // the same as the one before: see DateTracker.
  const lastDim = forSpec.each[forSpec.each.length - 1];
  const byDate = lastDim === 'date';
  /** An officer's (a community's…) dates: `[entity, "date"]`, judged by {@link judgeDates}. */
  const entityThenDate = byDate && levels.length === 2 && typeof forSpec.each[0] === 'string' && forSpec.each[0] in ENTITY_LISTS;

  /**
   * The subjects' scopes that pass `for.where`, in order; `at.period` is the subject's default
   * period. With a `tracker` (and a rule judged date by date), the caller sets `at.skipThrough`
   * after a subject: the later dates of the same officer or community up to it are not judged.
   */
  /** A check's run of this rule, kept while it is judged one officer at a time. */
  const officerRuns = new WeakMap<CheckContext, RuleRun>();
  function runFor(context: CheckContext, ruleOptions: RuleOptions, officer: number | undefined): RuleRun {
    // One officer at a time: the rule's caches go on from one officer to the next, as in one run over every officer.
    let run = officer === undefined ? undefined : officerRuns.get(context);
    if (run?.options !== ruleOptions) {
      run = { context, options: ruleOptions, cache: new Map(), shared: sharedCacheOf(context) };
      if (officer !== undefined) officerRuns.set(context, run);
    }
    return run;
  }
  function* leaves(
    context: CheckContext,
    ruleOptions: RuleOptions,
    at: { period: DatePeriod | undefined; skipThrough: CalendarDate | undefined },
    tracker?: DateTracker,
    officer?: number,
  ): Generator<Scope> {
    const run = runFor(context, ruleOptions, officer);
    const root = new Scope(run, NO_BINDINGS, context.periodDates, letFns);
    const track = byDate && tracker !== undefined;
    const lastDate = context.period.end;
    // The dimensions nest; an explicit stack of iterators keeps their order without recursion.
    type Frame = { scope: Scope; period: DatePeriod | undefined; it: Iterator<Binding> };
    // One officer's subjects only: the first level is that officer's frame alone.
    const firstLevel: Frame['it'] = officer === undefined ? levels[0]!.each(root)[Symbol.iterator]() : ([[{ officer: listOf(root, 'officers')[officer] }, undefined, undefined]] as Binding[])[Symbol.iterator]();
    const stack: Frame[] = [{ scope: root, period: undefined, it: firstLevel }];
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const next = frame.it.next();
      if (next.done) {
        stack.pop();
        continue;
      }
      // Indexed, not destructured: destructuring walks the array's iterator, once per subject.
      const binding = next.value;
      const bindings = binding[0];
      const dates = binding[1];
      const period = binding[2];
      const leaf = stack.length === levels.length;
      let scope: Scope;
      if (leaf && track) {
        const date = bindings.date as CalendarDate;
        if (at.skipThrough !== undefined && date <= at.skipThrough) continue;
        const vars = Bindings.one(frame.scope.vars, 'date', date);
        vars.tracker = tracker;
        scope = new Scope(run, vars, dates!, letFns, undefined, tracker);
        tracker.begin(date, lastDate);
      } else scope = new Scope(run, new Bindings(frame.scope.vars, bindings), dates ?? frame.scope.dates, letFns);
      const subjectPeriod = period ?? frame.period;
      if (!leaf) {
        // A new officer (or community): its dates are judged from the first.
        at.skipThrough = undefined;
        stack.push({ scope, period: subjectPeriod, it: levels[stack.length]!.each(scope)[Symbol.iterator]() });
        continue;
      }
      if (where && !truthy(where(scope))) {
        if (track) {
          tracker.active = false;
          if (tracker.until > tracker.date) at.skipThrough = tracker.until;
        }
        continue;
      }
      at.period = subjectPeriod;
      yield scope;
    }
  }

  const facts: RuleFacts = {
    *subjects(context: CheckContext, ruleOptions: RuleOptions): Iterable<JudgedSubject> {
      const at = { period: undefined as DatePeriod | undefined, skipThrough: undefined as CalendarDate | undefined };
      for (const scope of leaves(context, ruleOptions, at)) yield judge(scope, at.period);
    },
    byOfficer: forSpec.each[0] === 'officer',
    async judge(context, ruleOptions, verdict, found, judged, officer) {
      const at = { period: undefined as DatePeriod | undefined, skipThrough: undefined as CalendarDate | undefined };
      // One facts object for every subject: the verdict reads it before the next is made.
      const values: Record<string, unknown> = {};
      const tracker = new DateTracker();
      const verdictFactsOf = verdictFactsFor(values, judged);
      if (entityThenDate && judgeDatesPath.enabled) {
        await judgeDates(context, ruleOptions, verdict, found, officer, tracker, values, verdictFactsOf);
        return;
      }
      for (const scope of leaves(context, ruleOptions, at, tracker, officer)) {
        verdictFactsOf(scope);
        tracker.active = false;
        const held = verdict(values);
        const checkIndex = typeof held === 'number' ? held : await held;
        // Its let values are kept in the scope: the judgement reads them again, it does not compute them again.
        if (checkIndex >= 0) found(judge(scope, at.period), checkIndex);
        // The dates through `until` would give the same facts, the same id, and so no violation either.
        else if (byDate && tracker.until > tracker.date) at.skipThrough = tracker.until;
      }
    },
  };

  /**
   * {@link RuleFacts.judge} of a rule whose subjects are an officer's (a community's…) dates:
   * the subjects {@link leaves} would yield, in its order, judged in a plain loop over the
   * shared date frames. Measured hot: millions of (officer, date) subjects paid for resuming
   * a generator and walking the nested levels' iterators, more than for judging some of them.
   */
  async function judgeDates(
    context: CheckContext,
    ruleOptions: RuleOptions,
    verdict: Parameters<NonNullable<RuleFacts['judge']>>[2],
    found: Parameters<NonNullable<RuleFacts['judge']>>[3],
    officer: number | undefined,
    tracker: DateTracker,
    values: Record<string, unknown>,
    verdictFactsOf: (scope: Scope) => void,
  ): Promise<void> {
    const run = runFor(context, ruleOptions, officer);
    const root = new Scope(run, NO_BINDINGS, context.periodDates, letFns);
    const lastDate = context.period.end;
    const firsts: Iterable<Binding> = officer === undefined ? levels[0]!.each(root) : [[{ officer: listOf(root, 'officers')[officer] }, undefined, undefined]];
    for (const first of firsts) {
      const entityVars = new Bindings(root.vars, first[0]);
      const entity = new Scope(run, entityVars, first[1] ?? root.datesUnnoted, letFns);
      // The date level's frames: one array of the check, shared by every subject and rule.
      const frames = levels[1]!.each(entity) as readonly LevelFrame[];
      let skipThrough: CalendarDate | undefined;
      for (let i = 0; i < frames.length; i++) {
        const frame = frames[i]!;
        const date = frame[0].date as CalendarDate;
        if (skipThrough !== undefined && date <= skipThrough) continue;
        const vars = Bindings.one(entityVars, 'date', date);
        vars.tracker = tracker;
        const scope = new Scope(run, vars, frame[1], letFns, undefined, tracker);
        tracker.begin(date, lastDate);
        if (where && !truthy(where(scope))) {
          tracker.active = false;
          if (tracker.until > tracker.date) skipThrough = tracker.until;
          continue;
        }
        verdictFactsOf(scope);
        tracker.active = false;
        const held = verdict(values);
        const checkIndex = typeof held === 'number' ? held : await held;
        if (checkIndex >= 0) found(judge(scope, frame[2]), checkIndex);
        else if (tracker.until > tracker.date) skipThrough = tracker.until;
      }
    }
  }

  /**
   * What {@link RuleFacts.judge} does for each subject before its verdict: the facts the checks
   * read into `values` (one object for every subject), and `judged` told of its id when it is not
   * the id told just before.
   */
  function verdictFactsFor(values: Record<string, unknown>, judged: Parameters<NonNullable<RuleFacts['judge']>>[4]): (scope: Scope) => void {
    let lastId: string | undefined;
    return (scope) => {
      for (let k = 0; k < verdictFacts.length; k++) values[verdictFacts[k]!] = plainValue(scope.letValue(verdictFacts[k]!)) ?? null;
      const id = String(plainValue(subjectId!(scope)));
      if (id !== lastId) {
        judged({ type: subjectType, id });
        lastId = id;
      }
    };
  }

  function judge(scope: Scope, defaultPeriod: DatePeriod | undefined): JudgedSubject {
    const factValues: Record<string, unknown> = {};
    for (const name of factNames) factValues[name] = plainValue(scope.letValue(name)) ?? null;
    const subject: Subject = { type: subjectType, id: String(plainValue(subjectId!(scope))) };
    let period = defaultPeriod;
    if (periodStart && periodEnd) period = { start: String(periodStart(scope)), end: String(periodEnd(scope)) };
    const judged = new Judgement(subject, factValues, scope, evidence, describe);
    if (period) judged.period = period;
    return judged;
  }

  function describe(scope: Scope): { details?: Record<string, unknown>; messageData?: Record<string, string | number>; penalty?: { amount: number; weight: number } } {
    const out: ReturnType<typeof describe> = {};
    if (details.length) {
      const d: Record<string, unknown> = {};
      for (const [k, f] of details) {
        const v = plainValue(f(scope));
        if (v !== null && v !== undefined) d[k] = v;
      }
      if (Object.keys(d).length) out.details = d;
    }
    if (messageData.length) {
      const m: Record<string, string | number> = {};
      for (const [k, f] of messageData) {
        const v = plainValue(f(scope));
        m[k] = typeof v === 'number' ? v : String(v ?? '');
      }
      out.messageData = m;
    }
    if (penaltyAmount && penaltyWeight) out.penalty = { amount: num(penaltyAmount(scope)), weight: num(penaltyWeight(scope)) };
    return out;
  }

  return { facts, problems };
}
