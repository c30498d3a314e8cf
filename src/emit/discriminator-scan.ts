import { setOwn } from "../own.js";
import { parsePointer, valueAtPointer } from "../pointer.js";

/**
 * What openapi-typescript's discriminator scan needs, made cheaply on a large contract.
 *
 * The scan walks the whole document twice and writes into the schemas a discriminator maps to: it
 * adds the discriminator's enum to their `properties` (and `required`), or pushes a member onto
 * their `allOf`. The document shares its objects with the loaded one, which other stages still
 * read, so those schemas must be copies of their own; a copy of the whole document
 * (`structuredClone`) costs a large contract tens of milliseconds, and so do the scan's two walks.
 *
 * So, first, only what the scan can write is copied: each schema a discriminator names (by
 * `mapping` or by a `$ref` in its `oneOf`), its `properties`, `required` and `allOf`, and the
 * objects on the way from the root to it. That is the same as a whole copy while each of those is
 * reached one way only; otherwise (a YAML alias, an object shared by inlined references, a `$ref`
 * that leads on to another) the whole document is copied, as before. Second, the scan is given
 * the document cut to what it reads: the objects with a `discriminator` or an `allOf` and the
 * schemas it writes to, whole, at their places; every other member stays as `null` where it was,
 * so the walk meets the rest in the same order at the same paths and finds the same things.
 */
export interface DiscriminatorScan {
  /** The document for the transform: the schemas the scan writes to are its own. */
  readonly document: Record<string, unknown>;
  /** The same document cut to what the scan reads, for the scan. */
  readonly scanned: Record<string, unknown>;
}

/** openapi-typescript's `resolveRef`, as its scan uses it. */
type Resolve = (document: object, ref: string) => unknown;

/** Where the scan reads, as paths from the root, and the `$ref`s its discriminators name; `undefined` when there is no discriminator. */
interface Found {
  readonly refs: Set<string>;
  readonly read: Array<readonly string[]>;
}

/** The scan's document and what it may write to, or `undefined` when the document has no discriminator (nothing to scan). */
export function prepareDiscriminatorScan(document: Record<string, unknown>, resolve: Resolve): DiscriminatorScan | undefined {
  const found = findDiscriminators(document);
  if (found === undefined) return undefined;
  const written: Array<readonly string[]> = [];
  const objects = new Set<object>();
  for (const ref of found.refs) {
    const schema = resolve(document, ref);
    if (typeof schema !== "object" || schema === null) continue;
    // Only a local pointer that reaches the schema itself gives the one way to it (not a `$ref` on the way).
    if (!ref.startsWith("#/") || valueAtPointer(document, ref) !== schema) return wholeCopy(document);
    const way = parsePointer(ref);
    written.push(way);
    objects.add(schema);
    for (const key of WRITTEN_KEYS) {
      const part = (schema as Record<string, unknown>)[key];
      if (typeof part === "object" && part !== null) {
        written.push([...way, key]);
        objects.add(part);
      }
    }
  }
  if (reachedTwice(document, objects)) return wholeCopy(document);
  const copy = copiedAlong(document, written);
  return { document: copy, scanned: cutTo(copy, [...found.read, ...written]) };
}

const WRITTEN_KEYS = ["properties", "required", "allOf"] as const;

function wholeCopy(document: Record<string, unknown>): DiscriminatorScan {
  const copy = structuredClone(document);
  return { document: copy, scanned: copy };
}

/** One walk: the `$ref`s discriminators name and the paths of the objects with a `discriminator` or an `allOf`. */
function findDiscriminators(document: object): Found | undefined {
  let discriminated = false;
  const refs = new Set<string>();
  const read: Array<readonly string[]> = [];
  const path: string[] = [];
  const visit = (node: object): void => {
    if (!Array.isArray(node)) {
      const { discriminator, oneOf } = node as { discriminator?: unknown; oneOf?: unknown };
      const hasDiscriminator = Object.hasOwn(node, "discriminator");
      if (hasDiscriminator || Object.hasOwn(node, "allOf")) read.push(path.slice());
      if (hasDiscriminator) {
        discriminated = true;
        const mapping = typeof discriminator === "object" && discriminator !== null ? (discriminator as { mapping?: unknown }).mapping : undefined;
        if (typeof mapping === "object" && mapping !== null) for (const value of Object.values(mapping)) if (typeof value === "string") refs.add(value);
        if (Array.isArray(oneOf))
          for (const item of oneOf) {
            const ref = typeof item === "object" && item !== null ? (item as { $ref?: unknown }).$ref : undefined;
            if (typeof ref === "string") refs.add(ref);
          }
      }
    }
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value !== "object" || value === null) continue;
      path.push(key);
      visit(value);
      path.pop();
    }
  };
  visit(document);
  return discriminated ? { refs, read } : undefined;
}

/** Whether any of `objects` is reached by more than one way from the root (so a copy on one way would miss another). */
function reachedTwice(document: object, objects: ReadonlySet<object>): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== "object" || node === null) continue;
    if (objects.has(node)) {
      if (seen.has(node)) return true;
      seen.add(node);
    }
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) stack.push(value);
  }
  return false;
}

/** The document with the object at the end of each path, and every object on the way to it, a shallow copy of its own. */
function copiedAlong(document: Record<string, unknown>, paths: ReadonlyArray<readonly string[]>): Record<string, unknown> {
  const copies = new Map<object, Record<string, unknown>>();
  const copyOf = (node: object): Record<string, unknown> => {
    let copy = copies.get(node);
    if (copy === undefined) {
      copy = (Array.isArray(node) ? node.slice() : { ...node }) as Record<string, unknown>;
      copies.set(node, copy);
    }
    return copy;
  };
  const root = copyOf(document);
  for (const path of paths) {
    let node: object = document;
    let copy = root;
    for (const token of path) {
      node = (node as Record<string, object>)[token] as object;
      const next = copyOf(node);
      setOwn(copy, token, next);
      copy = next;
    }
  }
  return root;
}

/**
 * The document cut to the objects at the paths, each whole: on the way to them, objects and arrays
 * keep every member in its place, the ones that lead to none of them as `null`.
 */
function cutTo(document: Record<string, unknown>, paths: ReadonlyArray<readonly string[]>): Record<string, unknown> {
  const cut = new Set<object>();
  const shell = (node: object): Record<string, unknown> => {
    const made = (Array.isArray(node) ? node.map(() => null) : Object.fromEntries(Object.keys(node).map((key) => [key, null]))) as Record<string, unknown>;
    cut.add(made);
    return made;
  };
  // The root itself is read: nothing to cut.
  if (paths.some((path) => path.length === 0)) return document;
  const root = shell(document);
  for (const path of paths) {
    let node: object = document;
    let at = root;
    for (let index = 0; index < path.length; index++) {
      const token = path[index] as string;
      node = (node as Record<string, object>)[token] as object;
      if (index === path.length - 1) {
        setOwn(at, token, node);
        break;
      }
      const next = at[token];
      if (next === null) {
        const made = shell(node);
        setOwn(at, token, made);
        at = made;
      } else if (typeof next === "object" && next !== null && cut.has(next)) at = next as Record<string, unknown>;
      // A whole object is on the way already: the path's end is in it.
      else break;
    }
  }
  return root;
}
