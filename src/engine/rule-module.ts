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
}

/** A rule as the registry holds it: its data file and its facts (compiled from the file, or a built-in module), found by the same id. */
export interface RuleModule {
  definition: RuleDefinition;
  facts: RuleFacts;
}
