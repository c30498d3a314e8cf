/**
 * A list operation's pages as the mock serves them: one list of items per operation (each item
 * drawn from its own seed, so a page holds the same items however the list is walked), sliced by
 * the page the pipeline decoded, with the contract's next cursor, `has_more`, next URL and totals
 * set where it says they are.
 */
import { setOwn } from "../own.js";
import { isSchema } from "./merge-schemas.js";

/** The pagination contract as the runtime hands it over (see the runtime's `PaginationContract`). */
export interface PageContract {
  style: "cursor" | "offset" | "page";
  limitParam: string;
  positionParam: string;
  defaultLimit: number;
  maxLimit: number;
  itemsPath?: string;
  nextCursorPath?: string;
  nextUrlPath?: string;
  hasMorePath?: string;
  cursorFromItem?: string;
  totalPath?: string;
  totalPagesPath?: string;
}

/** The page the pipeline gives a list handler. */
export type PageRequest =
  | { limit: number; offset: number }
  | { limit: number; page: number }
  | { limit: number; after: readonly unknown[] | undefined; cursorFor(position: readonly unknown[]): string };

/** How long every mocked list is: a little over two pages at the default size. */
export function listLength(contract: PageContract): number {
  return Math.min(2 * contract.defaultLimit + 1, 200);
}

/** Where the page starts in the list, given the item at each index. */
export function pageStart(contract: PageContract, page: PageRequest, total: number, item: (index: number) => unknown): number {
  if ("offset" in page) return page.offset;
  if ("page" in page) return (page.page - 1) * page.limit;
  const [after] = page.after ?? [];
  if (after === undefined) return 0;
  if (contract.cursorFromItem === undefined) return typeof after === "number" ? after + 1 : total;
  for (let index = 0; index < total; index++) {
    if (valueAt(item(index), contract.cursorFromItem) === after) return index + 1;
  }
  return total;
}

/**
 * The body of one page: `body` (drawn for the response) with its items replaced by the page's
 * slice, and the next cursor (or its absence: each of `ends` is tried in turn by the caller),
 * `has_more`, next URL and totals set.
 */
export interface PageSlice {
  items: unknown[];
  /** The index of the first item in the whole list. */
  start: number;
  total: number;
  page: PageRequest;
  nextUrl: string | undefined;
}

export function fillPage(contract: PageContract, body: unknown, slice: PageSlice, end: "absent" | "null" | "empty"): unknown {
  const { items, start, total, page } = slice;
  const more = start + items.length < total;
  const filled = structuredClone(body);
  const placed = contract.itemsPath === undefined ? firstList(filled) : contract.itemsPath;
  if (placed === "") return items;
  setAt(filled, placed, items);
  const next = more && "cursorFor" in page ? page.cursorFor([start + items.length - 1]) : undefined;
  if (contract.style === "cursor" && contract.cursorFromItem === undefined) {
    setAt(filled, contract.nextCursorPath ?? "next_cursor", next ?? ending(end));
  }
  if (contract.hasMorePath !== undefined) setAt(filled, contract.hasMorePath, more);
  if (contract.nextUrlPath !== undefined) setAt(filled, contract.nextUrlPath, more ? slice.nextUrl : ending(end));
  if (contract.totalPath !== undefined) setAt(filled, contract.totalPath, total);
  if (contract.totalPagesPath !== undefined) setAt(filled, contract.totalPagesPath, Math.ceil(total / page.limit));
  return filled;
}

function ending(end: "absent" | "null" | "empty"): unknown {
  return end === "absent" ? undefined : end === "null" ? null : "";
}

/** The dotted path of the first list in a body (`""`: the body is the list). */
function firstList(body: unknown): string {
  if (Array.isArray(body) || !isSchema(body)) return "";
  return Object.keys(body).find((key) => Array.isArray(body[key])) ?? "data";
}

export function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const key of path.split(".")) node = isSchema(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return node;
}

/** Sets (or, for `undefined`, removes) the value at a dotted path, making the objects on the way. */
function setAt(body: unknown, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() ?? "";
  let node = body;
  for (const key of keys) {
    if (!isSchema(node)) return;
    if (!isSchema(node[key])) setOwn(node, key, {});
    node = node[key];
  }
  if (!isSchema(node)) return;
  if (value === undefined) delete node[last];
  else setOwn(node, last, value);
}
