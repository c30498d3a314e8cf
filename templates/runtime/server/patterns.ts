import { RE2JS } from "re2js";
import type { PatternTest } from "./schema-check.js";

/** Default time, in milliseconds, one request may spend on patterns RE2 cannot run. */
export const DEFAULT_PATTERN_TIME_LIMIT = 50;

/**
 * Tests a JavaScript regular expression, giving up (false) after `timeLimitMs`. Only a platform
 * that can interrupt a running match provides one (Node, in `node-patterns.ts`).
 */
export type BoundedPatternTest = (pattern: RegExp, input: string, timeLimitMs: number) => boolean;

/**
 * The time left for the request being validated. Validation is synchronous, so the pipeline
 * sets this right before each validator call and no other request can run in between.
 */
let budget: PatternBudget = { remainingMs: DEFAULT_PATTERN_TIME_LIMIT };

export interface PatternBudget {
  remainingMs: number;
}

/** Makes `budget` the one the next synchronous validator call draws on. */
export function usePatternBudget(next: PatternBudget): void {
  budget = next;
}

/**
 * The engine contract `pattern`s run on: RE2 (the RE2JS port, plain JavaScript), whose matching
 * time is linear in the input, so a pattern such as `^(a+)+$` cannot backtrack for ever on hostile
 * input. Patterns RE2 refuses (look-around, back-references) run on JavaScript's engine through
 * `bounded`, within the request's pattern time budget (`patternTimeLimit`); once it is spent,
 * every later such test fails at once. Without `bounded` (Web runtimes, which cannot interrupt a
 * match) such a pattern is refused when its validator is compiled.
 */
export function linearRegExp(
  bounded: BoundedPatternTest | undefined,
): (pattern: string) => PatternTest {
  return (pattern) => {
    const re2 = compileRe2(pattern);
    if (re2 !== undefined) return lastRemembered(re2);
    if (bounded === undefined) {
      throw new Error(
        `the pattern /${pattern}/u uses look-around or back-references, which RE2 cannot run and this platform cannot stop in time; rewrite it without them`,
      );
    }
    const fallback = new RegExp(pattern, "u");
    return { test: (input: string) => budgeted(bounded, fallback, input) };
  };
}

/** The longest input remembered: a long one is tested afresh rather than kept alive. */
const REMEMBERED_LENGTH = 256;

/**
 * An RE2 test that remembers its last input and verdict. RE2's answer depends on the input alone,
 * and the same text often comes again: a parameter's `default`, filled in and validated on every
 * request that leaves it out, or one client's repeated value. RE2JS takes 0.4–1 µs a test where
 * V8's own engine takes 0.03 µs; a repeat costs a string comparison.
 */
function lastRemembered(re2: RE2JS): PatternTest {
  let lastInput: string | undefined;
  let lastVerdict = false;
  return {
    test(input: string): boolean {
      if (input.length > REMEMBERED_LENGTH) return re2.test(input);
      if (input !== lastInput) {
        lastVerdict = re2.test(input);
        lastInput = input;
      }
      return lastVerdict;
    },
  };
}

function compileRe2(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch {
    return undefined;
  }
}

function budgeted(bounded: BoundedPatternTest, pattern: RegExp, input: string): boolean {
  if (budget.remainingMs <= 0) return false;
  const started = performance.now();
  try {
    return bounded(pattern, input, Math.max(1, Math.ceil(budget.remainingMs)));
  } finally {
    budget.remainingMs -= performance.now() - started;
  }
}
