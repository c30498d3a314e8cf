/**
 * Strings that match a schema's `pattern`: drawn by randexp from the pattern with the mock's
 * seeded generator, then checked with the pattern itself (and the length bounds), because a
 * generator cannot honour everything a pattern can say (look-around, `\p{…}`).
 */
import RandExp from "randexp";
import type { Random } from "./random.js";

/** How many draws a pattern gets before it counts as one the mock cannot serve. */
const ATTEMPTS = 12;
/** The most repetitions an unbounded quantifier gets, so values stay readable. */
const REPEAT = 6;

export interface LengthBounds {
  minLength?: number | undefined;
  maxLength?: number | undefined;
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

/** A string matching `pattern` within the bounds, or undefined when none was found in a few draws. */
export function patternString(pattern: string, random: Random, bounds: LengthBounds = {}): string | undefined {
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
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let candidate: string;
    try {
      candidate = generator.gen();
    } catch {
      return undefined;
    }
    if (fits(candidate, bounds) && regExp.test(candidate)) return candidate;
  }
  return undefined;
}

/** Whether a string's length (in code points, as JSON Schema counts) is within the bounds. */
export function fits(text: string, { minLength, maxLength }: LengthBounds): boolean {
  const length = [...text].length;
  return length >= (minLength ?? 0) && length <= (maxLength ?? Number.POSITIVE_INFINITY);
}
