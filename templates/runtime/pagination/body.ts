import type { PaginationContract } from "../contract.js";

/** The value at a dotted path (`meta.next_cursor`) in a response body; own properties only. */
export function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const key of path.split(".")) {
    node =
      typeof node === "object" && node !== null && Object.hasOwn(node, key)
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  return node;
}

/** The items of a page body: at `itemsPath`, the body itself when it is a list, or its first list. */
export function itemsOf(contract: PaginationContract, body: unknown): unknown[] {
  if (contract.itemsPath !== undefined) {
    const items = valueAt(body, contract.itemsPath);
    return Array.isArray(items) ? items : [];
  }
  if (Array.isArray(body)) return body;
  const first =
    typeof body === "object" && body !== null
      ? Object.values(body).find((value) => Array.isArray(value))
      : undefined;
  return Array.isArray(first) ? first : [];
}
