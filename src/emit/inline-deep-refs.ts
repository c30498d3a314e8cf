import { setOwn } from "../own.js";
import { valueAtPointer } from "../pointer.js";

/** A `$ref` openapi-typescript can name as a type: a whole component, e.g. `#/components/schemas/User`. */
const COMPONENT_ROOT = /^#\/components\/[^/]+\/[^/]+$/;

/**
 * Returns the document with every `$ref` that points inside a component (such as
 * `#/components/parameters/kind/schema` or `#/components/schemas/A/allOf/0`) replaced by a copy
 * of its target. openapi-typescript would otherwise emit an indexed type that does not exist.
 * A deep reference that reaches itself again becomes `{}` (any value), so cycles end. Only the
 * objects on the way to such a reference are copied; the rest is shared with the input.
 */
export function inlineDeepRefs(document: Record<string, unknown>): Record<string, unknown> {
  const copy = (node: unknown, inlining: ReadonlySet<string>): unknown => {
    if (typeof node !== "object" || node === null) return node;
    if (Array.isArray(node)) {
      const items = node.map((item) => copy(item, inlining));
      return items.every((item, index) => item === node[index]) ? node : items;
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !COMPONENT_ROOT.test(ref)) {
      const target = valueAtPointer(document, ref);
      if (target === undefined || inlining.has(ref)) return {};
      return copy(target, new Set([...inlining, ref]));
    }
    let result: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(node)) {
      const copied = copy(value, inlining);
      if (copied !== value && result === undefined) result = { ...(node as Record<string, unknown>) };
      if (result !== undefined) setOwn(result, key, copied);
    }
    return result ?? node;
  };
  return copy(document, new Set()) as Record<string, unknown>;
}
