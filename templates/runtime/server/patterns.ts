import { RE2 } from "re2-wasm";
import type { RegExpEngine, RegExpLike } from "ajv/dist/types/index.js";

/**
 * Patterns RE2 cannot run (look-around, back-references) fall back to JavaScript's engine, and
 * then only on input up to this many characters, so no contract pattern can hang a request.
 */
export const FALLBACK_INPUT_LIMIT = 256;

/**
 * Runs contract `pattern`s on RE2, whose matching time is linear in the input: a pattern such as
 * `^(a+)+$` cannot backtrack for ever on hostile input.
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
      return {
        test: (input: string) => input.length <= FALLBACK_INPUT_LIMIT && engine.test(input),
        toString,
      };
    }
  },
  { code: 'require("re2-wasm").RE2' },
);
