import { setOwn } from "../own.js";
import { parsePointer } from "../load/pointer.js";

/** A `$ref` openapi-typescript can name as a type: a whole component, e.g. `#/components/schemas/User`. */
const COMPONENT_ROOT = /^#\/components\/[^/]+\/[^/]+$/;

/**
 * Returns a copy of the document in which every `$ref` that points inside a component (such as
 * `#/components/parameters/kind/schema` or `#/components/schemas/A/allOf/0`) is replaced by a
 * copy of its target. openapi-typescript would otherwise emit an indexed type that does not exist.
 * A deep reference that reaches itself again becomes `{}` (any value), so cycles end.
 */
export function inlineDeepRefs(document: Record<string, unknown>): Record<string, unknown> {
  const lookup = (ref: string): unknown => {
    let node: unknown = document;
    for (const token of parsePointer(ref)) {
      if (typeof node !== "object" || node === null || !Object.hasOwn(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    }
    return node;
  };
  const copy = (node: unknown, inlining: ReadonlySet<string>): unknown => {
    if (Array.isArray(node)) return node.map((item) => copy(item, inlining));
    if (typeof node !== "object" || node === null) return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !COMPONENT_ROOT.test(ref)) {
      const target = lookup(ref);
      if (target === undefined || inlining.has(ref)) return {};
      return copy(target, new Set([...inlining, ref]));
    }
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      setOwn(result, key, copy(value, inlining));
    }
    return result;
  };
  return copy(document, new Set()) as Record<string, unknown>;
}
