import { RE2 } from "re2-wasm";
import { Script, createContext } from "node:vm";
import type { RegExpEngine, RegExpLike } from "ajv/dist/types/index.js";

/** Default time, in milliseconds, one request may spend on patterns RE2 cannot run. */
export const DEFAULT_PATTERN_TIME_LIMIT = 50;

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

const context = createContext({ pattern: /$^/, input: "" });
const runTest = new Script("pattern.test(input)");

/**
 * Runs a JavaScript regular expression inside the request's time budget. Matching stops when the
 * budget runs out (V8 interrupts the regex), and a value not proven to match is treated as not
 * matching. Once a request's budget is spent, every later fallback test fails at once.
 */
function boundedTest(pattern: RegExp, input: string): boolean {
  if (budget.remainingMs <= 0) return false;
  const started = performance.now();
  try {
    context["pattern"] = pattern;
    context["input"] = input;
    return (
      runTest.runInContext(context, { timeout: Math.max(1, Math.ceil(budget.remainingMs)) }) ===
      true
    );
  } catch {
    return false;
  } finally {
    budget.remainingMs -= performance.now() - started;
  }
}

/**
 * Runs contract `pattern`s on RE2, whose matching time is linear in the input: a pattern such as
 * `^(a+)+$` cannot backtrack for ever on hostile input. Patterns RE2 refuses (look-around,
 * back-references) run on JavaScript's engine within the request's pattern time budget
 * (`patternTimeLimit`), so no pattern can hold a request longer than that.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike & { toString(): string } => {
    // ajv keys compiled patterns by their string form, so each must print as its own source.
    const toString = () => `/${pattern}/${flags}`;
    try {
      const engine = new RE2(pattern, "u");
      return { test: (input: string) => engine.test(input), toString };
    } catch {
      const engine = new RegExp(pattern, flags);
      return { test: (input: string) => boundedTest(engine, input), toString };
    }
  },
  { code: 'require("re2-wasm").RE2' },
);
