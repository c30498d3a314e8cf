import { CodegenError } from "../errors.js";
import { pointer } from "../pointer.js";

/** Deepest nesting of objects and arrays a spec may have (each file, and the bundled document). */
export const MAX_SPEC_DEPTH = 256;
/**
 * Most a document may expand to once YAML aliases are written out, counted as characters of
 * keys and strings plus one per value: aliases of large scalars cannot exhaust memory.
 */
export const MAX_EXPANDED_SIZE = 64 * 1024 * 1024;

/**
 * Refuses a parsed document that nests deeper than {@link MAX_SPEC_DEPTH} or expands past
 * {@link MAX_EXPANDED_SIZE}. The walk keeps its own stack and stops at the first bound crossed,
 * so measuring costs at most the bound; every later (recursive) walk then sees a bounded value.
 */
export function checkBounds(value: unknown, file: string): void {
  const stack: Frame[] = [{ node: value, key: "", parent: undefined, depth: 0 }];
  let size = 0;
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { node, depth } = frame;
    size += 1 + frame.key.length + (typeof node === "string" ? node.length : 0);
    if (size > MAX_EXPANDED_SIZE) {
      throw new CodegenError(`the document expands to more than ${MAX_EXPANDED_SIZE} characters`, {
        location: { file, pointer: pointerOf(frame) },
        hint: "YAML aliases (*name) repeat large values: write them once, or refer to them with $ref",
      });
    }
    if (typeof node !== "object" || node === null) continue;
    if (depth >= MAX_SPEC_DEPTH) {
      throw new CodegenError(`the document nests objects and arrays more than ${MAX_SPEC_DEPTH} levels deep`, {
        location: { file, pointer: pointerOf(frame) },
        hint: "flatten it: move nested schemas into components and refer to them with $ref",
      });
    }
    const entries = Array.isArray(node) ? node.entries() : Object.entries(node);
    for (const [key, child] of entries) stack.push({ node: child, key: String(key), parent: frame, depth: depth + 1 });
  }
}

interface Frame {
  node: unknown;
  key: string;
  parent: Frame | undefined;
  depth: number;
}

/** The JSON pointer of a frame, shortened in the middle when it is very deep. */
function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) keys.unshift(at.key);
  const full = pointer(...keys);
  return keys.length <= 12 ? full : `${pointer(...keys.slice(0, 6))}/…${pointer(...keys.slice(-4)).slice(1)}`;
}
