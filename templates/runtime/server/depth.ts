import { HttpError } from "./errors.js";

/** Default deepest nesting of arrays and objects a request body may have. */
export const DEFAULT_DEPTH_LIMIT = 64;

/**
 * Refuses a parsed body whose arrays and objects nest deeper than `limit` (400 `BODY_TOO_DEEP`).
 * The walk keeps its own stack, so any depth is safe to measure; it runs before validation,
 * fingerprinting or the handler walk the value recursively.
 */
export function checkDepth(value: unknown, limit: number): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= limit) {
      throw new HttpError(
        400,
        "BODY_TOO_DEEP",
        `The request body nests arrays and objects more than ${limit} levels deep.`,
      );
    }
    for (const child of Array.isArray(node) ? node : Object.values(node))
      stack.push([child, depth + 1]);
  }
}
