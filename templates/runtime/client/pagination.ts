import type { PaginationContract } from "../contract.js";
import { itemsOf, valueAt } from "../pagination/body.js";
import { ApiPromise } from "./api-promise.js";
import type { ApiResponse } from "./request.js";

export { itemsOf };

/** One fetched page: its body and headers (for `Link`). */
export type FetchedPage<Body> = Pick<ApiResponse<Body>, "data" | "headers">;

/** Where the next page is: new query values, a URL from a `Link` header, or nowhere. */
export type NextPage = { query: Record<string, unknown> } | { url: string } | undefined;

/** How a list walks on from a page: fetching the next, reading its items, finding where next is. */
export interface PageWalk<Body, Item> {
  fetchNext: (next: Exclude<NextPage, undefined>) => Promise<FetchedPage<Body>>;
  items: (body: Body) => Item[];
  next: (page: FetchedPage<Body>) => NextPage;
}

/**
 * A list call: an {@link ApiPromise} of the first page (awaiting it gives the first page's
 * body, `.withResponse()` its status and headers), and also `for await` over every item across
 * pages and `.pages()` page by page; later pages are fetched one at a time, as they are reached.
 */
export class PagePromise<Body, Item> extends ApiPromise<Body> implements AsyncIterable<Item> {
  readonly #walk: PageWalk<Body, Item>;

  constructor(first: Promise<ApiResponse<Body>>, walk: PageWalk<Body, Item>) {
    super(first);
    this.#walk = walk;
  }

  async *pages(): AsyncGenerator<Body> {
    let page: FetchedPage<Body> = await this.withResponse();
    for (;;) {
      yield page.data;
      const next = this.#walk.next(page);
      if (next === undefined) return;
      page = await this.#walk.fetchNext(next);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const body of this.pages()) yield* this.#walk.items(body);
  }
}

/**
 * How the contract's pagination moves on: a `Link: <…>; rel="next"` header wins when present;
 * otherwise the next cursor in the body, the next offset, or the next page number — and the walk
 * stops at a short or empty page, a null cursor, or the known total.
 */
export function nextPage(
  contract: PaginationContract,
  query: Readonly<Record<string, unknown>>,
  page: FetchedPage<unknown>,
): NextPage {
  const link = nextLink(page.headers.get("link"));
  if (link !== undefined) return { url: link };
  const items = itemsOf(contract, page.data);
  const limit = Number(query[contract.limitParam] ?? contract.defaultLimit);
  if (contract.style === "cursor") {
    const cursor =
      valueAt(page.data, contract.nextCursorPath ?? "next_cursor") ??
      valueAt(page.data, "nextCursor");
    return typeof cursor === "string" && cursor !== ""
      ? { query: { ...query, [contract.positionParam]: cursor } }
      : undefined;
  }
  if (items.length === 0 || items.length < limit) return undefined;
  if (contract.style === "offset") {
    const offset = Number(query[contract.positionParam] ?? 0) + items.length;
    const total = valueAt(page.data, "total");
    return typeof total === "number" && offset >= total
      ? undefined
      : { query: { ...query, [contract.positionParam]: offset } };
  }
  const current = Number(query[contract.positionParam] ?? 1);
  const pages = valueAt(page.data, "pagination.total_pages") ?? valueAt(page.data, "total_pages");
  return typeof pages === "number" && current >= pages
    ? undefined
    : { query: { ...query, [contract.positionParam]: current + 1 } };
}

/** The target of `rel="next"` in a Link header (RFC 8288), if any. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}
