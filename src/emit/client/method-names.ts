import type { ApiModel, Operation } from "../../ir/model.js";
import { words } from "../../ir/naming.js";

export interface MethodGroup {
  /** The group's property on the client (a tag's id), or undefined for top-level methods. */
  id: string | undefined;
  description: string | undefined;
  methods: Array<{ name: string; operation: Operation }>;
}

/**
 * Client methods grouped by each operation's first tag (untagged ones sit on the client itself).
 * A method is named after its operation without the tag's noun: `listUsers` in `users` is
 * `users.list`, `listUserOrders` is `users.listOrders`. The leading verb always stays; a name
 * that would clash, or would be empty, falls back to the operation's own name. Deterministic.
 */
export function methodGroups(model: ApiModel): MethodGroup[] {
  const tags = new Map(model.tags.map((tag) => [tag.name, tag]));
  const groups = new Map<string, MethodGroup>();
  const top: MethodGroup = { id: undefined, description: undefined, methods: [] };
  /** Each group's method names so far, lower-cased. */
  const taken = new Map<MethodGroup, Set<string>>([[top, new Set()]]);
  for (const operation of model.operations) {
    const tag = operation.tags[0] === undefined ? undefined : tags.get(operation.tags[0]);
    let group = top;
    if (tag !== undefined) {
      group = groups.get(tag.id) ?? { id: tag.id, description: tag.description, methods: [] };
      groups.set(tag.id, group);
    }
    const names = taken.get(group) ?? new Set<string>();
    taken.set(group, names);
    const short = tag === undefined ? operation.id : shortName(operation.id, tag.name);
    const name = short !== "" && !names.has(short.toLowerCase()) && !RESERVED.has(short) ? short : operation.id;
    names.add(name.toLowerCase());
    group.methods.push({ name, operation });
  }
  const groupIds = new Set(groups.keys());
  top.methods = top.methods.map((method) => (groupIds.has(method.name) ? { ...method, name: `${method.name}Operation` } : method));
  return [...(top.methods.length > 0 ? [top] : []), ...groups.values()];
}

const RESERVED = new Set(["constructor", "prototype", "__proto__", "then", "toString", "valueOf", "hasOwnProperty"]);

function shortName(operationId: string, tagName: string): string {
  const [verb = "", ...rest] = words(operationId);
  const nouns = new Set(words(tagName).flatMap((word) => [word.toLowerCase(), singular(word.toLowerCase())]));
  const kept = rest.filter((word) => !nouns.has(word.toLowerCase()));
  // Reserved words are fine as property names (`users.delete(…)`), so no suffix is added here.
  const name = [verb, ...kept].map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1))).join("");
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : "";
}

function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ses") || word.endsWith("xes")) return word.slice(0, -2);
  return word.endsWith("s") ? word.slice(0, -1) : word;
}
