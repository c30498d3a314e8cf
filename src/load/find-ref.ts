import { pointer } from "../pointer.js";

/** The JSON pointer of the first `$ref` in `document` whose value satisfies `matches`. */
export function findRef(document: unknown, matches: (ref: string) => boolean): string | undefined {
  const seen = new Set<object>();
  const path: string[] = [];
  const visit = (node: unknown): boolean => {
    if (typeof node !== "object" || node === null || seen.has(node)) return false;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && matches(ref)) return true;
    for (const [key, value] of Object.entries(node)) {
      path.push(key);
      if (visit(value)) return true;
      path.pop();
    }
    return false;
  };
  return visit(document) ? pointer(...path) : undefined;
}
