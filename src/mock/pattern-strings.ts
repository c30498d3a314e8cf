/**
 * Strings that match a schema's `pattern`: drawn by randexp from the pattern with the mock's
 * seeded generator, then checked with the pattern on the generated server's own engine (and the
 * length bounds), because a generator cannot honour everything a pattern can say (look-around,
 * `\p{…}`). Contract patterns are hostile until proven otherwise: neither the drawing nor the check
 * may run without bound, at generation (`--target mocks`) or on a mock request.
 */
import RandExp from "randexp";
import type { Random } from "./random.js";

/** How many draws a pattern gets before it counts as one the mock cannot serve. */
const ATTEMPTS = 12;
/** The most repetitions an unbounded quantifier gets, so values stay readable. */
const REPEAT = 6;
/**
 * The most steps (tokens generated) and characters one draw may take. Nested quantifiers multiply
 * (`((a+)+)+…` ten deep draws about 465,000 characters at 6 repetitions each), and so do explicit
 * counts (`(a{1000}){1000}`): a draw past either bound is abandoned, and the next ones repeat
 * each quantifier the fewest times it allows.
 */
const MAX_STEPS = 100_000;
const MAX_LENGTH = 100_000;
/** How long the checks of one draw (up to ATTEMPTS strings) may take on JavaScript's engine (patterns RE2 cannot run). */
const CHECK_TIME_MS = 50;

export interface LengthBounds {
  minLength?: number | undefined;
  maxLength?: number | undefined;
}

/** A contract pattern's check, as the generated server runs it. */
export interface PatternTester {
  test(input: string): boolean;
}

/**
 * A check of drawn strings against a contract pattern, or undefined for a pattern the mock does not
 * draw for. Each call gives a check with a time budget of its own (CHECK_TIME_MS), shared by every
 * string tested through it, as a request's patterns share the server's budget.
 */
export type PatternTesters = (pattern: string) => PatternTester | undefined;

/** What the checks need of the generated server's runtime (`patterns.ts`, `node-patterns.ts`). */
export interface PatternRuntime {
  linearRegExp(bounded: BoundedTest): (pattern: string) => PatternTester;
  vmPatternTest: BoundedTest;
  usePatternBudget(budget: Budget): void;
}

type BoundedTest = (pattern: RegExp, input: string, timeLimitMs: number) => boolean;
interface Budget {
  remainingMs: number;
}
type Check = (input: string, budget: Budget) => boolean;

/**
 * Checks on the server's engine: RE2 where it can run the pattern (linear time), else JavaScript's
 * engine, stopped when the budget is spent, as the server stops it; a pattern valid only outside
 * Unicode mode runs that way too, bounded alike. A pattern that spends a whole budget is not drawn
 * for again, so one hostile pattern costs a mock about CHECK_TIME_MS, once.
 */
export function boundedPatternTesters(runtime: PatternRuntime): PatternTesters {
  const engine = runtime.linearRegExp(runtime.vmPatternTest);
  const checks = new Map<string, Check | null>();
  return (pattern) => {
    let check = checks.get(pattern);
    if (check === undefined) checks.set(pattern, (check = serverCheck(runtime, engine, pattern) ?? null));
    if (check === null) return undefined;
    const drawn = check;
    const budget = { remainingMs: CHECK_TIME_MS };
    return {
      test(input: string): boolean {
        if (checks.get(pattern) === null) return false;
        const verdict = drawn(input, budget);
        if (budget.remainingMs <= 0) checks.set(pattern, null);
        return verdict;
      },
    };
  };
}

function serverCheck(runtime: PatternRuntime, engine: (pattern: string) => PatternTester, pattern: string): Check | undefined {
  try {
    // RE2 compiles here; the bounded fallback builds its RegExp here too, and throws if it cannot.
    const compiled = engine(pattern);
    return (input, budget) => {
      runtime.usePatternBudget(budget);
      return compiled.test(input);
    };
  } catch {
    const plain = patternRegExp(pattern);
    if (plain === undefined) return undefined;
    return (input, budget) => {
      if (budget.remainingMs <= 0) return false;
      const started = performance.now();
      try {
        return runtime.vmPatternTest(plain, input, Math.max(1, Math.ceil(budget.remainingMs)));
      } finally {
        budget.remainingMs -= performance.now() - started;
      }
    };
  }
}

/** The pattern as JavaScript reads a JSON Schema pattern (Unicode mode where it parses), or undefined. */
export function patternRegExp(pattern: string): RegExp | undefined {
  for (const flags of ["u", ""]) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // Not valid in this mode; try the next.
    }
  }
  return undefined;
}

/** A string matching `pattern` (as `tester` checks it) within the bounds, or undefined when none was found in a few draws. */
export function patternString(pattern: string, random: Random, bounds: LengthBounds, tester: PatternTester): string | undefined {
  const regExp = patternRegExp(pattern);
  if (regExp === undefined) return undefined;
  let generator: RandExp;
  try {
    generator = new RandExp(regExp);
  } catch {
    return undefined;
  }
  generator.max = REPEAT;
  generator.randInt = (low, high) => random.int(low, high);
  const bounded = boundDraws(generator);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let candidate: string | undefined;
    try {
      candidate = bounded.draw();
    } catch {
      return undefined;
    }
    if (candidate === undefined) {
      if (generator.max === 0) return undefined;
      generator.max = 0;
      continue;
    }
    if (fits(candidate, bounds) && tester.test(candidate)) return candidate;
  }
  return undefined;
}

/** Draws that give up (undefined) past MAX_STEPS tokens or MAX_LENGTH characters. */
function boundDraws(generator: RandExp): { draw(): string | undefined } {
  const step = generator._gen.bind(generator);
  let steps = 0;
  const tooLarge = new Error("draw too large");
  generator._gen = (token, groups) => {
    steps += 1;
    const text = step(token, groups);
    if (steps > MAX_STEPS || text.length > MAX_LENGTH) throw tooLarge;
    return text;
  };
  return {
    draw() {
      steps = 0;
      try {
        return generator.gen();
      } catch (error) {
        if (error === tooLarge) return undefined;
        throw error;
      }
    },
  };
}

/** Whether a string's length (in code points, as JSON Schema counts) is within the bounds. */
export function fits(text: string, { minLength, maxLength }: LengthBounds): boolean {
  const length = [...text].length;
  return length >= (minLength ?? 0) && length <= (maxLength ?? Number.POSITIVE_INFINITY);
}
