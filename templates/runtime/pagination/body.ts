import type { PaginationContract } from "../contract.js";

/** The value at a dotted path (`meta.next_cursor`) in a response body; own properties only. */
export function valueAt(body: unknown, path: string): unknown {
  let node = body;
  // Key by key, without splitting: most paths are one key, read on every page.
  for (let start = 0; ;) {
    const dot = path.indexOf(".", start);
    const key = dot < 0 ? (start === 0 ? path : path.slice(start)) : path.slice(start, dot);
    node =
      typeof node === "object" && node !== null && Object.hasOwn(node, key)
        ? (node as Record<string, unknown>)[key]
        : undefined;
    if (dot < 0) return node;
    start = dot + 1;
  }
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

/** Where a page stands: its position (offset or page number; unused for cursors) and its limit. */
export interface PageAt {
  position: number;
  limit: number;
}

/**
 * The position of the page after this one, or undefined when the list ends here — one rule for
 * the client's walk and the server's `Link` header. A cursor list goes on while its next cursor
 * is present (`nextCursorPath`; or, while `hasMorePath` is true, the last item's
 * `cursorFromItem`). An offset or page list ends at an empty page, when `hasMorePath` is false,
 * at the known total (`totalPath`, `totalPagesPath`), or — knowing none — at a short page.
 */
export function nextPosition(
  contract: PaginationContract,
  body: unknown,
  at: PageAt,
): string | number | undefined {
  const items = itemsOf(contract, body);
  const more = contract.hasMorePath === undefined ? undefined : valueAt(body, contract.hasMorePath);
  if (more !== undefined && more !== true) return undefined;
  if (contract.style === "cursor") {
    const cursor =
      contract.cursorFromItem !== undefined
        ? valueAt(items.at(-1), contract.cursorFromItem)
        : contract.nextCursorPath !== undefined
          ? valueAt(body, contract.nextCursorPath)
          : (valueAt(body, "next_cursor") ?? valueAt(body, "nextCursor"));
    return (typeof cursor === "string" && cursor !== "") || typeof cursor === "number"
      ? cursor
      : undefined;
  }
  if (items.length === 0) return undefined;
  const total = numberAt(body, contract.totalPath);
  if (contract.style === "offset") {
    const next = at.position + items.length;
    if (total !== undefined) return next < total ? next : undefined;
    return more === true || items.length >= at.limit ? next : undefined;
  }
  const pages =
    numberAt(body, contract.totalPagesPath) ??
    (total === undefined ? undefined : Math.ceil(total / at.limit));
  if (pages !== undefined) return at.position < pages ? at.position + 1 : undefined;
  return more === true || items.length >= at.limit ? at.position + 1 : undefined;
}

function numberAt(body: unknown, path: string | undefined): number | undefined {
  const value = path === undefined ? undefined : valueAt(body, path);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
