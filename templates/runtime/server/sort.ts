import type { SortContract } from "../contract.js";
import type { QueryPairs } from "./parameters.js";
import { counted, invalidKey, queryKeys, shown } from "./query-keys.js";

/** One key of the order a request asks for. */
export interface SortKey<Field extends string = string> {
  readonly field: Field;
  readonly direction: "asc" | "desc";
}

/**
 * The order a request asks for (`x-sort`): every value of the sort parameter (`sort=category,-price`,
 * or the parameter repeated), each key a sortable field, ascending (`price`, `+price`) or
 * descending (`-price`); the contract's default when the parameter is absent. An unknown or
 * repeated field, an empty key, or more keys than `maxKeys` is a 400 naming the parameter and
 * the value, decided before the list is read further.
 */
export function readSort(contract: SortContract, query: QueryPairs): SortKey[] {
  const texts = queryKeys(query, contract.param);
  if (texts === undefined)
    return contract.defaults.map(({ field, direction }) => ({ field, direction }));
  const keys: SortKey[] = [];
  for (const key of texts) {
    const descending = key.startsWith("-");
    const field = descending || key.startsWith("+") ? key.slice(1) : key;
    if (!contract.fields.includes(field))
      throw invalid(
        key,
        `sorts by ${shown(field)}, which is not one of ${contract.fields.join(", ")}`,
      );
    if (keys.some((earlier) => earlier.field === field))
      throw invalid(key, `names ${shown(field)} more than once`);
    if (keys.length === contract.maxKeys)
      throw invalid(key, `names more than ${counted(contract.maxKeys, "key")}`);
    keys.push({ field, direction: descending ? "desc" : "asc" });
  }
  return keys;

  function invalid(key: string, problem: string) {
    return invalidKey(contract.param, "sort", key, problem);
  }
}
