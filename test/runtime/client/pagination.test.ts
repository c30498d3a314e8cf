import { describe, expect, it } from "vitest";
import type { PaginationContract } from "../../../templates/runtime/contract.js";
import { ApiPromise } from "../../../templates/runtime/client/api-promise.js";
import { nextLink, nextPage, PagePromise, type FetchedPage } from "../../../templates/runtime/client/pagination.js";
import { PaginationError } from "../../../templates/runtime/client/errors.js";

describe("nextLink", () => {
  it.each([
    ['</v1/users?page=3>; rel="next", </v1/users?page=1>; rel="prev"', "/v1/users?page=3"],
    ['</a>; rel="prev", </b>; rel=next', "/b"],
    ['</a>; rel="prev next"', "/a"],
    ['</a>; rel="prev"', undefined],
    ["garbage", undefined],
  ])("%s → %s", (header, want) => {
    expect(nextLink(header)).toBe(want);
  });
});

const cursor: PaginationContract = { style: "cursor", limitParam: "limit", positionParam: "cursor", defaultLimit: 2, maxLimit: 10 };
const offset: PaginationContract = { style: "offset", limitParam: "limit", positionParam: "offset", defaultLimit: 2, maxLimit: 10, itemsPath: "items", totalPath: "total" };
const numbered: PaginationContract = { style: "page", limitParam: "per_page", positionParam: "page", defaultLimit: 2, maxLimit: 10, itemsPath: "data", totalPagesPath: "pagination.total_pages" };
const page = (data: unknown, link?: string): FetchedPage<unknown> => ({ data, headers: new Headers(link === undefined ? {} : { link }) });

describe("nextPage", () => {
  it("follows a cursor until it is null", () => {
    expect(nextPage(cursor, { limit: 2 }, page({ items: [1, 2], next_cursor: "c2" }))).toEqual({ query: { limit: 2, cursor: "c2" } });
    expect(nextPage(cursor, { limit: 2 }, page({ items: [1], next_cursor: null }))).toBeUndefined();
  });

  it("advances offsets and page numbers until a short page or the total", () => {
    expect(nextPage(offset, { limit: 2 }, page({ items: [1, 2] }))).toEqual({ query: { limit: 2, offset: 2 } });
    expect(nextPage(offset, { limit: 2, offset: 2 }, page({ items: [3, 4], total: 4 }))).toBeUndefined();
    expect(nextPage(offset, { limit: 2 }, page({ items: [1] }))).toBeUndefined();
    expect(nextPage(numbered, { per_page: 2 }, page({ data: [1, 2], pagination: { total_pages: 3 } }))).toEqual({ query: { per_page: 2, page: 2 } });
    expect(nextPage(numbered, { per_page: 2, page: 3 }, page({ data: [5, 6], pagination: { total_pages: 3 } }))).toBeUndefined();
  });

  it("follows a cursor where the contract says it is, at any depth", () => {
    const nested = { ...cursor, itemsPath: "items", nextCursorPath: "pagination.next_cursor" };
    expect(nextPage(nested, { limit: 2 }, page({ items: [1, 2], pagination: { next_cursor: "c2" } }))).toEqual({ query: { limit: 2, cursor: "c2" } });
    expect(nextPage(nested, { limit: 2 }, page({ items: [1, 2], pagination: { next_cursor: null } }))).toBeUndefined();
  });

  it("walks Stripe's lists: the last item's id as starting_after while has_more is true", () => {
    const stripe: PaginationContract = { style: "cursor", limitParam: "limit", positionParam: "starting_after", defaultLimit: 10, maxLimit: 100, itemsPath: "data", hasMorePath: "has_more", cursorFromItem: "id" };
    expect(nextPage(stripe, { limit: 2 }, page({ data: [{ id: "ch_1" }, { id: "ch_2" }], has_more: true }))).toEqual({ query: { limit: 2, starting_after: "ch_2" } });
    expect(nextPage(stripe, { limit: 2 }, page({ data: [{ id: "ch_3" }, { id: "ch_4" }], has_more: false }))).toBeUndefined();
    expect(nextPage(stripe, {}, page({ data: [], has_more: true }))).toBeUndefined();
  });

  it("follows the next URL in the body, but ends at the known total first (DigitalOcean's links.pages.next and meta.total)", () => {
    const digitalOcean: PaginationContract = { style: "page", limitParam: "per_page", positionParam: "page", defaultLimit: 20, maxLimit: 200, itemsPath: "droplets", nextUrlPath: "links.pages.next", totalPath: "meta.total" };
    const next = "https://api.example.com/v2/droplets?page=2&per_page=2";
    expect(nextPage(digitalOcean, { per_page: 2 }, page({ droplets: [1, 2], links: { pages: { next } }, meta: { total: 5 } }))).toEqual({ url: next });
    expect(nextPage(digitalOcean, { per_page: 2, page: 3 }, page({ droplets: [5], links: { pages: { next } }, meta: { total: 5 } }))).toBeUndefined();
    expect(nextPage(digitalOcean, { per_page: 2 }, page({ droplets: [1, 2], links: { pages: {} }, meta: { total: 9 } }))).toBeUndefined();
  });

  it("takes the first page's size as the limit when none was sent, so a full page is not taken for the last", () => {
    const bare = { ...offset, totalPath: undefined };
    // The contract's default is 2, the server's 3: a page of 3 is full.
    expect(nextPage(bare, {}, page({ items: [1, 2, 3] }), 3)).toEqual({ query: { offset: 3 } });
    expect(nextPage(bare, { offset: 3 }, page({ items: [4] }), 3)).toBeUndefined();
  });

  it("prefers a Link header", () => {
    expect(nextPage(numbered, {}, page({ data: [] }, '</v1/users?page=9>; rel="next"'))).toEqual({ url: "/v1/users?page=9" });
  });
});

describe("PagePromise", () => {
  const rows = Array.from({ length: 7 }, (_, index) => index);
  const fetchOffset = async (query: Record<string, unknown>): Promise<FetchedPage<{ items: number[] }>> => {
    const start = Number(query.offset ?? 0);
    return { data: { items: rows.slice(start, start + 3) }, headers: new Headers() };
  };
  const list = (calls: Array<Record<string, unknown>>) =>
    new PagePromise<{ items: number[] }, number>(
      (calls.push({ limit: 3 }), fetchOffset({ limit: 3 }).then((page) => ({ ...page, status: 200, requestId: "r-1", fromCache: false }))),
      {
      fetchNext: (next) => {
        const query = "query" in next ? next.query : {};
        calls.push(query);
        return fetchOffset(query);
      },
      items: (body) => body.items,
      next: (fetched) => nextPage({ ...offset, defaultLimit: 3 }, calls.at(-1) ?? {}, fetched),
      },
    );

  it("awaits to the first page, and is an ApiPromise: withResponse() gives its status and request id", async () => {
    const calls: Array<Record<string, unknown>> = [];
    const pages = list(calls);
    expect(pages).toBeInstanceOf(ApiPromise);
    expect(await pages).toEqual({ items: [0, 1, 2] });
    expect(await pages.withResponse()).toMatchObject({ status: 200, requestId: "r-1" });
    expect(calls).toHaveLength(1);
  });

  it("walks every item across pages with for await, and page by page with pages()", async () => {
    const calls: Array<Record<string, unknown>> = [];
    const seen: number[] = [];
    for await (const item of list(calls)) seen.push(item);
    expect(seen).toEqual(rows);
    expect(calls.map((call) => call.offset ?? 0)).toEqual([0, 3, 6]);
    const sizes: number[] = [];
    for await (const body of list([]).pages()) sizes.push(body.items.length);
    expect(sizes).toEqual([3, 3, 1]);
  });
});

describe("a walk the server would make endless", () => {
  const walk = (answer: () => unknown, contract: PaginationContract) => {
    let query: Record<string, unknown> = { limit: 2 };
    return new PagePromise<unknown, unknown>(Promise.resolve({ data: answer(), headers: new Headers(), status: 200, requestId: undefined, fromCache: false }), {
      fetchNext: async (next) => {
        if ("query" in next) query = next.query;
        return { data: answer(), headers: new Headers() };
      },
      items: (body) => (body as { items: unknown[] }).items,
      next: (fetched) => nextPage(contract, query, fetched),
    });
  };

  it("is a PaginationError when the same next cursor comes back (a static mock's example)", async () => {
    const items: unknown[] = [];
    let served = 0;
    const pages = walk(() => ({ items: [++served, ++served], next_cursor: "abc" }), { ...cursor, itemsPath: "items", nextCursorPath: "next_cursor" });
    await expect(
      (async () => {
        for await (const item of pages) items.push(item);
      })(),
    ).rejects.toThrow(PaginationError);
    expect(items).toEqual([1, 2, 3, 4]);
  });

  it("is a PaginationError when the same full page comes back for a new offset", async () => {
    const pages = walk(() => ({ items: [1, 2] }), { ...offset, totalPath: undefined });
    await expect(
      (async () => {
        for await (const _ of pages.pages());
      })(),
    ).rejects.toThrow(/the server sent the same page twice in a row/);
  });
});
