import type { FieldsContract } from "../contract.js";
import { setOwn } from "./own.js";
import type { QueryPairs } from "./parameters.js";
import { counted, invalidKey, queryKeys, shown } from "./query-keys.js";

/** What a projection keeps of an object: a field whole (`true`), or some of a nested object's fields. */
export type Selection = ReadonlyMap<string, Selection | true>;

/**
 * The fields a request selects (`x-fields`): every key of the parameter (`fields=id,owner.name`,
 * or the parameter repeated), each a selectable field at most `depth` levels deep, each once, at
 * most `maxFields` of them. A bad key is a 400 naming the parameter and the key. Undefined when
 * the parameter is absent: every field is returned.
 */
export function readFields(contract: FieldsContract, query: QueryPairs): string[] | undefined {
  const keys = queryKeys(query, contract.param);
  if (keys === undefined) return undefined;
  const seen = new Set<string>();
  for (const key of keys) {
    const levels = key.split(".").length;
    if (levels > contract.depth)
      throw invalid(key, `is ${levels} levels deep; at most ${contract.depth} are allowed`);
    if (!contract.fields.includes(key) && !contract.always.includes(key))
      throw invalid(key, `is not a field this operation can select`);
    if (seen.has(key)) throw invalid(key, `names ${shown(key)} more than once`);
    if (seen.size === contract.maxFields)
      throw invalid(key, `names more than ${counted(contract.maxFields, "field")}`);
    seen.add(key);
  }
  return keys;

  function invalid(key: string, problem: string) {
    return invalidKey(contract.param, "fields", key, problem);
  }
}

/**
 * What a projection keeps: the selected fields, the always-returned top-level ones (whole), and
 * the always-returned fields of each nested object that is kept in part (so `required` holds).
 */
export function selectionOf(contract: FieldsContract, selected: readonly string[]): Selection {
  const root = new Map<string, Selection | true>();
  for (const path of selected) keep(root, path.split("."), true);
  for (const path of contract.always) keep(root, path.split("."), false);
  return root;
}

function keep(
  root: Map<string, Selection | true>,
  names: readonly string[],
  selected: boolean,
): void {
  let node = root;
  for (const name of names.slice(0, -1)) {
    const child = node.get(name);
    // The whole parent is kept already.
    if (child === true) return;
    if (child === undefined) {
      // An always-returned nested field counts only when its object is kept in part.
      if (!selected) return;
      const made = new Map<string, Selection | true>();
      node.set(name, made);
      node = made;
    } else node = child as Map<string, Selection | true>;
  }
  node.set(names[names.length - 1]!, true);
}

/** The selected paths as the handler reads them: selected and always-returned, nested ones dotted. */
export function selectedPaths(selection: Selection, prefix = ""): Set<string> {
  const paths = new Set<string>();
  for (const [name, child] of selection) {
    paths.add(prefix + name);
    if (child !== true)
      for (const path of selectedPaths(child, `${prefix}${name}.`)) paths.add(path);
  }
  return paths;
}

/**
 * A success body cut to a selection: the object at `at` (lists walked through, the envelope
 * around it kept) keeps only the selected fields, in the handler's order. The body is not
 * changed; what is returned shares the kept values with it.
 */
export function project(body: unknown, at: readonly string[], selection: Selection): unknown {
  return projectAt(body, at, 0, selection);
}

function projectAt(
  value: unknown,
  at: readonly string[],
  index: number,
  selection: Selection,
): unknown {
  if (index === at.length) return projectValue(value, selection);
  if (Array.isArray(value)) return value.map((item) => projectAt(item, at, index, selection));
  if (!isObject(value)) return value;
  const name = at[index]!;
  if (!Object.hasOwn(value, name)) return value;
  const copy: Record<string, unknown> = { ...value };
  setOwn(copy, name, projectAt(value[name], at, index + 1, selection));
  return copy;
}

function projectValue(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => projectValue(item, selection));
  if (!isObject(value)) return value;
  const projected: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const kept = selection.get(name);
    if (kept === undefined) continue;
    setOwn(projected, name, kept === true ? value[name] : projectValue(value[name], kept));
  }
  return projected;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value);
}
