import { HttpError, pointerTo } from "./errors.js";
import type { QueryPairs } from "./parameters.js";

/**
 * The keys a list parameter carries (`sort=category,-price`, `fields=id,name`, `expand[]=a&expand[]=b`):
 * every value of every pair with the parameter's name, split at commas and trimmed, in order;
 * undefined when the parameter is absent.
 */
export function queryKeys(query: QueryPairs, param: string): string[] | undefined {
  let keys: string[] | undefined;
  for (const [name, value] of query) {
    if (name !== param) continue;
    keys ??= [];
    for (const key of value.split(",")) keys.push(key.trim());
  }
  return keys;
}

/** A 400 naming the parameter and the bad key (quoted, at most 100 characters of it). */
export function invalidKey(param: string, code: string, key: string, problem: string): HttpError {
  return new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", [
    {
      location: "query",
      pointer: pointerTo(param),
      field: param,
      code,
      message: `${shown(key)} ${problem}`,
    },
  ]);
}

/** A key as an error message quotes it: at most 100 characters of it. */
export function shown(text: string): string {
  return text.length > 100 ? `${JSON.stringify(text.slice(0, 100))}…` : JSON.stringify(text);
}

/** "1 key", "2 keys". */
export function counted(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
