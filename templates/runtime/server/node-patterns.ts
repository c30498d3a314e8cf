import { Script, createContext } from "node:vm";
import type { BoundedPatternTest } from "./patterns.js";

const context = createContext({ pattern: /$^/, input: "" });
const runTest = new Script("pattern.test(input)");

/**
 * Runs a JavaScript regular expression in a V8 context with a timeout: V8 interrupts the match when
 * the time is up, and a value not proven to match counts as not matching.
 */
export const vmPatternTest: BoundedPatternTest = (pattern, input, timeLimitMs) => {
  try {
    context["pattern"] = pattern;
    context["input"] = input;
    return runTest.runInContext(context, { timeout: timeLimitMs }) === true;
  } catch {
    return false;
  }
};
