import { CodegenError } from "../errors.js";
import { findRef } from "./find-ref.js";
import { valueAtPointer } from "../pointer.js";

/** Where a reference stays "transparent": TypeScript must know the referred type to write this one. */
const TRANSPARENT_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;

/**
 * Refuses a `$ref` that points to nothing, and schemas that refer to each other only through `$ref`, `allOf`/`anyOf`/`oneOf` and
 * `items` (`A: {$ref: B}`, `B: {$ref: A}`): no TypeScript type can be written for them (TS2502).
 * A cycle through an object's property is fine (`Tree.children: Tree[]`). Walks keep their own
 * stacks.
 */
export function checkRefTargets(document: unknown, file: string): void {
  const targets = [...new Set(refsIn(document, () => true))];
  // Every target is found through own properties only: `#/components/schemas/__proto__` names nothing.
  for (const target of targets) {
    if (valueAtPointer(document, target) === undefined) {
      throw new CodegenError(`unresolved reference: $ref ${JSON.stringify(target)} points to nothing`, {
        location: { file, pointer: findRef(document, (ref) => ref === target) },
        hint: "define the referenced component or fix the $ref path",
      });
    }
  }
  const edges = new Map<string, string[]>();
  const edgesOf = (target: string): string[] => {
    let found = edges.get(target);
    if (found === undefined) {
      const node = valueAtPointer(document, target);
      found = node === undefined ? [] : [...refsIn(node, isTransparent)];
      edges.set(target, found);
    }
    return found;
  };
  const state = new Map<string, "open" | "done">();
  for (const start of targets) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const pending: string[][] = [[...edgesOf(start)]];
    state.set(start, "open");
    while (path.length > 0) {
      const next = pending[pending.length - 1]?.pop();
      if (next === undefined) {
        state.set(path.pop() ?? "", "done");
        pending.pop();
        continue;
      }
      if (state.get(next) === "open") throw cycleError([...path.slice(path.indexOf(next)), next], file);
      if (state.get(next) === "done") continue;
      state.set(next, "open");
      path.push(next);
      pending.push([...edgesOf(next)]);
    }
  }
}

/** Every internal `$ref` under `root`, descending only where `descend(key)` allows. */
function* refsIn(root: unknown, descend: (key: string) => boolean): Generator<string> {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  for (let node = stack.pop(); node !== undefined || stack.length > 0; node = stack.pop()) {
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#")) yield ref;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) if (descend(key)) stack.push(value);
  }
}

function isTransparent(key: string): boolean {
  return key === "items" || (TRANSPARENT_LISTS as readonly string[]).includes(key);
}


function cycleError(cycle: readonly string[], file: string): CodegenError {
  return new CodegenError(
    `these schemas refer to each other only through $ref, allOf/anyOf/oneOf or items, so no type can be written for them: ${cycle.join(" → ")}`,
    {
      location: { file, pointer: cycle[0] },
      hint: "put an object between them (a property that holds the reference), or remove one $ref of the cycle",
    },
  );
}
