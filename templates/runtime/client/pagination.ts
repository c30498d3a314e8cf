import type { PaginationContract } from "../contract.js";
import { itemsOf, nextPosition, valueAt } from "../pagination/body.js";
import { PaginationError } from "./errors.js";
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

  /**
   * Each page's body in turn. A server that sends the walk back to where it was (the same next
   * page twice, or the same body twice in a row) would make it endless: that is a
   * `PaginationError`, never a silent stop or a loop.
   */
  async *pages(): AsyncGenerator<Body> {
    let page: FetchedPage<Body> = await this.withResponse();
    let lastNext: string | undefined;
    let lastBody = JSON.stringify(page.data);
    for (;;) {
      yield page.data;
      const next = this.#walk.next(page);
      if (next === undefined) return;
      const nextKey = JSON.stringify(next);
      if (nextKey === lastNext)
        throw new PaginationError(`the server pointed to the same next page twice: ${nextKey}`);
      lastNext = nextKey;
      page = await this.#walk.fetchNext(next);
      const body = JSON.stringify(page.data);
      if (body === lastBody)
        throw new PaginationError(`the server sent the same page twice in a row after ${nextKey}`);
      lastBody = body;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    // A loop, not `yield*`: TypeScript before 5.6 rejects delegating to an iterator whose `next` takes no value.
    for await (const body of this.pages()) for (const item of this.#walk.items(body)) yield item;
  }
}

/**
 * How the contract's pagination moves on: a `Link: <…>; rel="next"` header wins when present;
 * then the next page's URL in the body, when the contract says where it is; otherwise the next
 * cursor, offset or page number (`nextPosition`, the rule the server's `Link` header follows).
 * `pageSize`: when the caller sent no limit, the size of the first page (the server's default),
 * so a full page is not mistaken for the last.
 */
export function nextPage(
  contract: PaginationContract,
  query: Readonly<Record<string, unknown>>,
  page: FetchedPage<unknown>,
  pageSize?: number,
): NextPage {
  const link = nextLink(page.headers.get("link"));
  if (link !== undefined) return { url: link };
  const at = {
    position: Number(query[contract.positionParam] ?? (contract.style === "page" ? 1 : 0)),
    limit: Number(query[contract.limitParam] ?? pageSize ?? contract.defaultLimit),
  };
  const next = nextPosition(contract, page.data, at);
  // A URL in the body leads on, unless a cursor list also names its cursor; an offset or page
  // list still ends where its total or a short page says.
  const byCursor = contract.nextCursorPath !== undefined || contract.cursorFromItem !== undefined;
  const byUrl =
    contract.nextUrlPath !== undefined &&
    (contract.style === "cursor" ? !byCursor : next !== undefined);
  if (byUrl) {
    const url = valueAt(page.data, contract.nextUrlPath ?? "");
    return typeof url === "string" && url !== "" ? { url } : undefined;
  }
  return next === undefined ? undefined : { query: { ...query, [contract.positionParam]: next } };
}

/** The target of `rel="next"` in a Link header (RFC 8288), if any. */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}
