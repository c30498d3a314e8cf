import type { ExpandContract } from "../contract.js";
import type { QueryPairs } from "./parameters.js";
import { counted, invalidKey, queryKeys, shown } from "./query-keys.js";

/**
 * The expansions a request asks for (`x-expand`): every key of the parameter (`expand=customer,items.product`,
 * `expand[]=customer`, `include=…`), each an expandable field at most `depth` levels deep, each
 * once, at most `maxExpansions` of them; a bad key is a 400 naming the parameter and the key. An
 * expandable field on the way to a nested one is expanded too (`customer.address` expands
 * `customer`). Empty when the parameter is absent.
 */
export function readExpand(contract: ExpandContract, query: QueryPairs): Set<string> {
  const expanded = new Set<string>();
  const keys = queryKeys(query, contract.param);
  if (keys === undefined) return expanded;
  const named = new Set<string>();
  for (const key of keys) {
    const names = key.split(".");
    if (names.length > contract.depth)
      throw invalid(key, `is ${names.length} levels deep; at most ${contract.depth} are allowed`);
    if (!contract.fields.includes(key))
      throw invalid(key, `is not one of the expandable fields ${contract.fields.join(", ")}`);
    if (named.has(key)) throw invalid(key, `names ${shown(key)} more than once`);
    if (named.size === contract.maxExpansions)
      throw invalid(key, `names more than ${counted(contract.maxExpansions, "expansion")}`);
    named.add(key);
    for (let level = 1; level < names.length; level++) {
      const parent = names.slice(0, level).join(".");
      if (contract.fields.includes(parent)) expanded.add(parent);
    }
    expanded.add(key);
  }
  return expanded;

  function invalid(key: string, problem: string) {
    return invalidKey(contract.param, "expand", key, problem);
  }
}
