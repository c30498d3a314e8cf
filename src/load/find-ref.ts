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

/** Whether `document` holds a `$ref` whose value satisfies `matches`: `findRef` without keeping the path, for the common answer "none". */
export function hasRef(document: unknown, matches: (ref: string) => boolean): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && matches(ref)) return true;
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) stack.push(value);
  }
  return false;
}
