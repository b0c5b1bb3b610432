import type { DatePeriod, Evidence, Subject } from '../report/types.js';
import type { CheckContext } from './check-context.js';
import type { RuleDefinition } from './rule-definition.js';

/** A rule's option values after defaults and config are merged. */
export type RuleOptions = Readonly<Record<string, number | boolean>>;

/**
 * One thing a rule judges (a community on a date, an officer's week, a transfer…) with the
 * facts its conditions compare. Facts are plain values; the conditions live in the rule file.
 */
export interface JudgedSubject {
  subject: Subject;
  period?: DatePeriod;
  facts: Record<string, unknown>;
  evidence: Evidence[];
  /** Added to the violation's `details`. */
  details?: Record<string, unknown>;
  /** Extra values for the message placeholders (e.g. `officer` = `O001 (张伟)`). */
  messageData?: Record<string, string | number>;
  /** A weighted rule's amount and weight (the violation's `penalty`). */
  penalty?: { amount: number; weight: number };
}

/**
 * The TypeScript half of a rule: which subjects it judges and their facts. The other half,
 * `rules/<pack>/<name>.json`, holds the conditions, options, severity and messages.
 */
export interface RuleFacts {
  subjects(context: CheckContext, options: RuleOptions): Iterable<JudgedSubject>;
  /**
   * The same subjects as {@link RuleFacts.subjects}, judged where they are made: `verdict` gets
   * each subject's facts (an object that may be reused for the next subject: read it, do not
   * keep it) and answers the index of the first check that holds, or -1. Only the subjects a
   * check holds for are made into a {@link JudgedSubject} and handed to `found`, in the order of
   * `subjects`; `judged` hears every distinct subject, at least once. Optional: a rule that
   * judges millions of subjects (officer × date) pays for an object per subject otherwise.
   */
  judge?(
    context: CheckContext,
    options: RuleOptions,
    verdict: (facts: Record<string, unknown>) => number | Promise<number>,
    found: (judged: JudgedSubject, checkIndex: number) => void,
    judged: (subject: Subject) => void,
    /** Only this officer's subjects (their place in the dataset's officers), where {@link RuleFacts.byOfficer}. */
    officer?: number,
  ): void | Promise<void>;
  /**
   * Whether the subjects come officer by officer (the first dimension is `officer`), so that
   * `judge` may be asked for one officer at a time: the rules that are run officer by officer
   * together, each officer's entries made once for all of them.
   */
  readonly byOfficer?: boolean;
}

/** A rule as the registry holds it: its data file and its facts (compiled from the file, or a built-in module), found by the same id. */
export interface RuleModule {
  definition: RuleDefinition;
  facts: RuleFacts;
}
