import { describe, expect, it } from "vitest";
import type { PaginationContract } from "../../../templates/runtime/contract.js";
import { ApiPromise } from "../../../templates/runtime/client/api-promise.js";
import { nextLink, nextPage, PagePromise, type FetchedPage } from "../../../templates/runtime/client/pagination.js";

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
const offset: PaginationContract = { style: "offset", limitParam: "limit", positionParam: "offset", defaultLimit: 2, maxLimit: 10, itemsPath: "items" };
const numbered: PaginationContract = { style: "page", limitParam: "per_page", positionParam: "page", defaultLimit: 2, maxLimit: 10, itemsPath: "data" };
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
      (calls.push({ limit: 3 }), fetchOffset({ limit: 3 }).then((page) => ({ ...page, status: 200, requestId: "r-1" }))),
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
