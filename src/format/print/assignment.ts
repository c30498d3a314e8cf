import { group, indent, indentIfBreak, line, textWidth, type Doc } from "./doc.js";

/**
 * What prettier's layout of `left = right` (or `key: value`) depends on here:
 * - `unbreakable`: a string or an `a.b` chain, which cannot break, so the line breaks after the
 *   operator when it does not fit (prettier's "break-after-operator", also its layout before a union);
 * - `literal`: a number or boolean, never moved off the operator's line;
 * - `breakable`: anything else ("fluid"): the right side breaks first, and the line breaks after
 *   the operator only when even that does not fit.
 */
export type RightSide = "unbreakable" | "literal" | "breakable";

/** `left<operator> right` in prettier's assignment layout for that kind of right side. */
export function assignment(left: Doc, operator: string, right: Doc, side: RightSide): Doc {
  if (side === "literal") return group([left, operator, " ", right]);
  if (side === "unbreakable") return group([left, operator, group(indent([line, right]))]);
  const gap = group(indent(line));
  return group([left, operator, gap, indentIfBreak(right, gap)]);
}

/** `key: value` of an object literal: keys narrower than five columns never break after the colon. */
export function propertyAssignment(key: string, value: Doc, side: RightSide): Doc {
  return assignment(key, ":", value, textWidth(key) < 5 ? "literal" : side);
}
