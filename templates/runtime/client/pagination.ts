import type { PaginationContract } from "../contract.js";
import { itemsOf, valueAt } from "../pagination/body.js";

export { itemsOf };

/** One fetched page: its body and headers (for `Link`). */
export interface FetchedPage<Body> {
  data: Body;
  headers: Headers;
}

/** Where the next page is: new query values, a URL from a `Link` header, or nowhere. */
export type NextPage = { query: Record<string, unknown> } | { url: string } | undefined;

/**
 * A list call: awaiting it gives the first page's body; `for await` walks every item across
 * pages; `.pages()` walks page by page. Pages are fetched lazily, one at a time.
 */
export class PagePromise<Body, Item> implements PromiseLike<Body>, AsyncIterable<Item> {
  readonly #first: () => Promise<FetchedPage<Body>>;
  readonly #fetchNext: (next: Exclude<NextPage, undefined>) => Promise<FetchedPage<Body>>;
  readonly #items: (body: Body) => Item[];
  readonly #next: (page: FetchedPage<Body>) => NextPage;
  #firstPage: Promise<FetchedPage<Body>> | undefined;

  constructor(options: {
    first: () => Promise<FetchedPage<Body>>;
    fetchNext: (next: Exclude<NextPage, undefined>) => Promise<FetchedPage<Body>>;
    items: (body: Body) => Item[];
    next: (page: FetchedPage<Body>) => NextPage;
  }) {
    this.#first = options.first;
    this.#fetchNext = options.fetchNext;
    this.#items = options.items;
    this.#next = options.next;
  }

  then<A = Body, B = never>(
    onFulfilled?: ((value: Body) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#start()
      .then((page) => page.data)
      .then(onFulfilled, onRejected);
  }

  catch<B = never>(
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<Body | B> {
    return this.then(undefined, onRejected);
  }

  async *pages(): AsyncGenerator<Body> {
    let page = await this.#start();
    for (;;) {
      yield page.data;
      const next = this.#next(page);
      if (next === undefined) return;
      page = await this.#fetchNext(next);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const body of this.pages()) yield* this.#items(body);
  }

  #start(): Promise<FetchedPage<Body>> {
    this.#firstPage ??= this.#first();
    return this.#firstPage;
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
