import { Engine } from 'json-rules-engine';
import type { FactMap, TopLevelCondition } from '../conditions-schema.js';

const EVENT_TYPE = 'conditions-met';

/**
 * Evaluates conditions with json-rules-engine itself: one Engine holding one rule, created with
 * `allowUndefinedFacts: true`; true when the rule's event fires. The reference the compiled form
 * (`compileConditions`) is tested against. Rejects when the engine's run fails.
 *
 * @example
 * ```ts
 * await evaluateWithJsonRulesEngine({ any: [{ fact: 'hours', operator: 'greaterThan', value: 12 }] }, { hours: 13 }); // true
 * ```
 */
export async function evaluateWithJsonRulesEngine(conditions: TopLevelCondition, facts: FactMap): Promise<boolean> {
  return createReferenceEvaluator(conditions)(facts);
}

/**
 * The reusable form of {@link evaluateWithJsonRulesEngine}: builds the Engine once and evaluates
 * many fact maps with it. Calls may overlap; they run one after another (see below).
 */
export function createReferenceEvaluator(conditions: TopLevelCondition): (facts: FactMap) => Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions, event: { type: EVENT_TYPE } });
  // Engine.run() keeps its running/finished status on the Engine, not on the run: when runs
  // overlap, one finishing can make another skip its rule and wrongly report false. So they queue.
  let previous: Promise<unknown> = Promise.resolve();
  return (facts) => {
    const result = previous.then(async () => {
      const { events } = await engine.run(facts);
      return events.some((event) => event.type === EVENT_TYPE);
    });
    previous = result.catch(() => undefined);
    return result;
  };
}
