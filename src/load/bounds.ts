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
  const root: Frame = { node: value, key: "", parent: undefined, depth: 0 };
  let size = sizeOf(value, "");
  if (size > MAX_EXPANDED_SIZE) throw tooLarge(root, file);
  // Only objects and arrays get a frame: a scalar is counted where its parent is read.
  const stack: Frame[] = typeof value === "object" && value !== null ? [root] : [];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const node = frame.node as object;
    const depth = frame.depth;
    if (depth >= MAX_SPEC_DEPTH) {
      throw new CodegenError(`the document nests objects and arrays more than ${MAX_SPEC_DEPTH} levels deep`, {
        location: { file, pointer: pointerOf(frame) },
        hint: "flatten it: move nested schemas into components and refer to them with $ref",
      });
    }
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_item, index) => index) : Object.keys(node);
    for (const key of keys) {
      const child = (node as Record<string | number, unknown>)[key];
      size += sizeOf(child, key);
      const container = typeof child === "object" && child !== null;
      if (size > MAX_EXPANDED_SIZE) throw tooLarge({ node: child, key: String(key), parent: frame, depth: depth + 1 }, file);
      if (container) stack.push({ node: child, key: String(key), parent: frame, depth: depth + 1 });
    }
  }
}

/** What one value adds to the expanded size: one, its key's characters, and a string's characters. */
function sizeOf(node: unknown, key: string | number): number {
  const keyLength = typeof key === "number" ? (key < 10 ? 1 : String(key).length) : key.length;
  return 1 + keyLength + (typeof node === "string" ? node.length : 0);
}

function tooLarge(frame: Frame, file: string): CodegenError {
  return new CodegenError(`the document expands to more than ${MAX_EXPANDED_SIZE} characters`, {
    location: { file, pointer: pointerOf(frame) },
    hint: "YAML aliases (*name) repeat large values: write them once, or refer to them with $ref",
  });
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
