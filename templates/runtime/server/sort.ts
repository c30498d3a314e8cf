import type { SortContract } from "../contract.js";
import { HttpError, pointerTo } from "./errors.js";
import type { QueryPairs } from "./parameters.js";

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
  const keys: SortKey[] = [];
  let present = false;
  for (const [name, value] of query) {
    if (name !== contract.param) continue;
    present = true;
    for (const text of value.split(",")) {
      const key = text.trim();
      const descending = key.startsWith("-");
      const field = descending || key.startsWith("+") ? key.slice(1) : key;
      if (!contract.fields.includes(field))
        throw invalid(
          contract,
          key,
          `sorts by ${shown(field)}, which is not one of ${contract.fields.join(", ")}`,
        );
      if (keys.some((earlier) => earlier.field === field))
        throw invalid(contract, key, `names ${shown(field)} more than once`);
      if (keys.length === contract.maxKeys)
        throw invalid(
          contract,
          key,
          `names more than ${contract.maxKeys} ${contract.maxKeys === 1 ? "key" : "keys"}`,
        );
      keys.push({ field, direction: descending ? "desc" : "asc" });
    }
  }
  if (present) return keys;
  return contract.defaults.map(({ field, direction }) => ({ field, direction }));
}

function invalid(contract: SortContract, key: string, problem: string): HttpError {
  return new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", [
    {
      location: "query",
      pointer: pointerTo(contract.param),
      field: contract.param,
      code: "sort",
      message: `${shown(key)} ${problem}`,
    },
  ]);
}

/** A key as an error message quotes it: at most 100 characters of it. */
function shown(text: string): string {
  return text.length > 100 ? `${JSON.stringify(text.slice(0, 100))}…` : JSON.stringify(text);
}
