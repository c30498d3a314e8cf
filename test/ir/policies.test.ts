import { describe, expect, it } from "vitest";
import type { Policies } from "../../src/ir/model.js";
import { operationOf } from "./model-of.js";

const query = (name: string, schema: string) => `{ name: ${name}, in: query, schema: ${schema} }`;
const int = "{ type: integer }";

/** A 200 response whose JSON body has this schema (inline YAML). */
const body = (schema: string) => `{ "200": { description: ok, content: { application/json: { schema: ${schema} } } } }`;
const cursorBody = body("{ type: object, properties: { data: { type: array, items: { type: object } }, next_cursor: { type: string, nullable: true } } }");
const stripeList = body("{ type: object, properties: { object: { type: string }, data: { type: array, items: { $ref: '#/components/schemas/Charge' } }, has_more: { type: boolean }, url: { type: string } } }");

/** [name, { given: the operation's YAML, method, root lines, responses; want: the policy (or undefined) }] */
const PAGINATION: ReadonlyArray<[string, { given: string; method?: string; responses?: string; want: object | undefined }]> = [
  ["cursor + integer limit", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", responses: cursorBody, want: { style: "cursor", source: "inferred", positionParam: "cursor", limitParam: "limit", defaultLimit: 20, maxLimit: 100, itemsPath: "data", nextCursorPath: "next_cursor" } }],
  ["a next cursor nested at pagination.next_cursor", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", responses: body("{ type: object, properties: { items: { type: array, items: {} }, pagination: { type: object, properties: { next_cursor: { type: string } } } } }"), want: { style: "cursor", itemsPath: "items", nextCursorPath: "pagination.next_cursor" } }],
  ["Google's pageToken and nextPageToken", { given: `parameters: [${query("pageToken", "{ type: string }")}, ${query("pageSize", int)}]`, method: "get", responses: body("{ type: object, properties: { books: { type: array, items: {} }, nextPageToken: { type: string } } }"), want: { style: "cursor", positionParam: "pageToken", limitParam: "pageSize", itemsPath: "books", nextCursorPath: "nextPageToken" } }],
  ["Stripe: starting_after, has_more and the last item's id", { given: `parameters: [${query("starting_after", "{ type: string }")}, ${query("ending_before", "{ type: string }")}, ${query("limit", int)}]`, method: "get", responses: stripeList, want: { style: "cursor", positionParam: "starting_after", itemsPath: "data", hasMorePath: "has_more", cursorFromItem: "id", nextCursorPath: undefined } }],
  ["Stripe's search: a string page and next_page", { given: `parameters: [${query("page", "{ type: string }")}, ${query("limit", int)}]`, method: "get", responses: body("{ type: object, properties: { data: { type: array, items: {} }, has_more: { type: boolean }, next_page: { type: string, nullable: true } } }"), want: { style: "cursor", positionParam: "page", nextCursorPath: "next_page", hasMorePath: "has_more" } }],
  ["after without anything that says there is more", { given: `parameters: [${query("after", "{ type: string }")}, ${query("limit", int)}]`, method: "get", responses: body("{ type: array, items: { type: object, properties: { id: { type: string } } } }"), want: undefined }],
  ["DigitalOcean: links.pages.next inside an anyOf, meta.total", { given: `parameters: [${query("page", int)}, ${query("per_page", int)}]`, method: "get", responses: body("{ allOf: [ { type: object, properties: { droplets: { type: array, items: {} } } }, { type: object, properties: { links: { type: object, properties: { pages: { anyOf: [ { type: object, properties: { last: { type: string }, next: { type: string } } }, {} ] } } } } }, { type: object, properties: { meta: { type: object, properties: { total: { type: integer } } } } } ] }"), want: { style: "page", itemsPath: "droplets", nextUrlPath: "links.pages.next", totalPath: "meta.total" } }],
  ["HAL: _links.next.href", { given: `parameters: [${query("offset", int)}, ${query("limit", int)}]`, method: "get", responses: body("{ type: object, properties: { _embedded: { type: object, properties: { orders: { type: array, items: {} } } }, _links: { type: object, properties: { next: { type: object, properties: { href: { type: string } } } } } } }"), want: { style: "offset", itemsPath: "_embedded.orders", nextUrlPath: "_links.next.href" } }],
  ["a cursor list that declares a Link header", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", responses: `{ "200": { description: ok, headers: { Link: { schema: { type: string } } }, content: { application/json: { schema: { type: array, items: {} } } } } }`, want: { style: "cursor", linkHeader: true, itemsPath: undefined } }],
  ["offset + limit", { given: `parameters: [${query("offset", int)}, ${query("limit", int)}]`, method: "get", want: { style: "offset", positionParam: "offset", limitParam: "limit" } }],
  ["page + per_page", { given: `parameters: [${query("page", int)}, ${query("per_page", int)}]`, method: "get", want: { style: "page", limitParam: "per_page" } }],
  ["page + page_size", { given: `parameters: [${query("page", int)}, ${query("page_size", int)}]`, method: "get", want: { style: "page", limitParam: "page_size" } }],
  ["the limit's schema bounds", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", "{ type: integer, maximum: 30, default: 10 }")}]`, method: "get", responses: cursorBody, want: { maxLimit: 30, defaultLimit: 10 } }],
  ["a string page (a token, as Stripe's)", { given: `parameters: [${query("page", "{ type: string }")}, ${query("per_page", int)}]`, method: "get", want: undefined }],
  ["a cursor parameter when the response does not say where the next cursor is (a warning, not a list)", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", want: undefined }],
  ["a string limit", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", "{ type: string }")}]`, method: "get", want: undefined }],
  ["the shape on a POST", { given: `parameters: [${query("offset", int)}, ${query("limit", int)}]`, want: undefined }],
  ["x-pagination: false", { given: `x-pagination: false\nparameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", want: undefined }],
  ["x-pagination", { given: `x-pagination: { style: cursor, cursorParam: after, maxLimit: 50, itemsPath: data, nextCursorPath: meta.next }\nparameters: [${query("after", "{ type: string }")}, ${query("limit", int)}]`, method: "get", want: { style: "cursor", source: "explicit", positionParam: "after", maxLimit: 50, defaultLimit: 20, itemsPath: "data", nextCursorPath: "meta.next" } }],
  ["x-pagination naming what the schema does not say", { given: `x-pagination: { style: page, totalPagesPath: meta.pages, nextUrlPath: meta.next, hasMorePath: meta.more }\nparameters: [${query("page", int)}, ${query("per_page", int)}]`, method: "get", responses: body("{ type: object, properties: { rows: { type: array, items: {} } } }"), want: { style: "page", itemsPath: "rows", totalPagesPath: "meta.pages", nextUrlPath: "meta.next", hasMorePath: "meta.more" } }],
];

const IDEMPOTENCY: ReadonlyArray<[string, { given: string; method?: string; want: object | undefined }]> = [
  ["an Idempotency-Key header on a POST", { given: "parameters: [{ name: Idempotency-Key, in: header, required: true, schema: { type: string } }]", want: { source: "inferred", required: true, header: "Idempotency-Key", ttlMs: 86_400_000, leaseMs: 60_000 } }],
  ["the header on a GET", { given: "parameters: [{ name: Idempotency-Key, in: header, schema: { type: string } }]", method: "get", want: undefined }],
  ["x-idempotency", { given: "x-idempotency: { required: true, ttl: 1h, lease: 5s }", want: { source: "explicit", required: true, header: "Idempotency-Key", ttlMs: 3_600_000, leaseMs: 5_000 } }],
  ["x-idempotency: false over the header", { given: "x-idempotency: false\nparameters: [{ name: Idempotency-Key, in: header, schema: { type: string } }]", want: undefined }],
];

const RATE_LIMIT: ReadonlyArray<[string, { given: string; root?: string; want: object | undefined }]> = [
  ["the document's rule", { given: "operationId: a", root: "x-rate-limit: { limit: 10, window: 1m }\n", want: { rules: [{ scope: "root", limit: 10, windowMs: 60_000, algorithm: "fixed-window", key: { by: "ip" }, failOpen: true }] } }],
  ["an operation's rule and the document's", { given: "x-rate-limit: { limit: 2, window: 1s, algorithm: gcra, key: principal }", root: "x-rate-limit: { limit: 10, window: 1m }\n", want: { scope: "operation", rules: [{ scope: "operation", algorithm: "gcra", key: { by: "principal" } }, { scope: "root" }] } }],
  ["x-rate-limit: false exempts", { given: "x-rate-limit: false", root: "x-rate-limit: { limit: 10, window: 1m }\n", want: undefined }],
];

const CACHE: ReadonlyArray<[string, { given: string; method: string; want: object | undefined }]> = [
  ["a read's directives, in one order", { given: "x-cache: { private: true, max-age: 5m, stale-while-revalidate: 30, etag: weak, vary: [Accept, Accept-Language] }", method: "get", want: { cacheControl: "max-age=300, stale-while-revalidate=30, private", etag: "weak", vary: ["Accept", "Accept-Language"], precondition: undefined } }],
  ["a read's ETag is strong unless it says otherwise", { given: "x-cache: {}", method: "get", want: { cacheControl: undefined, etag: "strong", vary: [] } }],
  ["etag: false, no-store", { given: "x-cache: { etag: false, no-store: true, max-age: 0 }", method: "get", want: { cacheControl: "max-age=0, no-store", etag: undefined } }],
  ["a write's required precondition", { given: "x-cache: { precondition: required }", method: "put", want: { precondition: "required", etag: undefined, cacheControl: undefined } }],
  ["a write's optional precondition", { given: "x-cache: { precondition: optional }", method: "delete", want: { precondition: "optional" } }],
  ["x-cache: false", { given: "x-cache: false", method: "get", want: undefined }],
  ["no x-cache: nothing inferred", { given: "operationId: plain", method: "get", want: undefined }],
];

const sortParam = (schema: string) => `parameters: [${query("sort", schema)}]`;
const SORT: ReadonlyArray<[string, { given: string; method: string; want: object | undefined }]> = [
  ["x-sort with a default list and a key limit", { given: `x-sort: { fields: [category, price, id], default: [category, -price], maxKeys: 2 }\n${sortParam("{ type: string }")}`, method: "get", want: { source: "explicit", param: "sort", fields: ["category", "price", "id"], defaults: [{ field: "category", direction: "asc" }, { field: "price", direction: "desc" }], maxKeys: 2 } }],
  ["x-sort on another parameter, maxKeys capped at the field count", { given: `x-sort: { fields: [name], param: order, maxKeys: 5 }\nparameters: [${query("order", "{ type: string }")}]`, method: "get", want: { param: "order", maxKeys: 1, defaults: [] } }],
  ["inferred from an enum of keys", { given: sortParam("{ type: string, enum: [price, -price, name, -name], default: -price }"), method: "get", want: { source: "inferred", fields: ["price", "name"], maxKeys: 1, defaults: [{ field: "price", direction: "desc" }] } }],
  ["inferred from an array of enumerated keys", { given: sortParam("{ type: array, items: { type: string, enum: [price, -price, name] } }"), method: "get", want: { fields: ["price", "name"], maxKeys: 2 } }],
  ["inferred from the seed's pattern", { given: sortParam("{ type: string, pattern: '^-?(name|email|created_at)$' }"), method: "get", want: { fields: ["name", "email", "created_at"], maxKeys: 1 } }],
  ["inferred from a comma-list pattern", { given: sortParam("{ type: string, pattern: '^-?(a|b)(,-?(a|b))*$' }"), method: "get", want: { fields: ["a", "b"], maxKeys: 2 } }],
  ["not inferred from an open pattern", { given: sortParam("{ type: string, pattern: '^-?[a-z_]+(,-?[a-z_]+)*$' }"), method: "get", want: undefined }],
  ["not inferred from a plain string", { given: sortParam("{ type: string }"), method: "get", want: undefined }],
  ["not inferred on a POST", { given: sortParam("{ type: string, enum: [a, -a] }"), method: "post", want: undefined }],
  ["x-sort: false over an enumerated sort", { given: `x-sort: false\n${sortParam("{ type: string, enum: [a, -a] }")}`, method: "get", want: undefined }],
];

type Case = [string, { given: string; method?: string; root?: string; responses?: string; want: object | undefined }];

describe.each([
  ["pagination", PAGINATION],
  ["idempotency", IDEMPOTENCY],
  ["rateLimit", RATE_LIMIT],
  ["cache", CACHE],
  ["sort", SORT],
] as Array<[keyof Policies, readonly Case[]]>)("%s inference", (policyName, cases) => {
  it.each(cases)("%s", async (_name, { given, method, root, responses, want }) => {
    const policy = (await operationOf(given, { method: method ?? "post", root: root ?? "", ...(responses === undefined ? {} : { responses }) }))?.policies[policyName];
    if (want === undefined) expect(policy).toBeUndefined();
    else expect(policy).toMatchObject(want);
  });
});

describe("x-cache on the wrong method", () => {
  it.each([
    ["put", "x-cache: { max-age: 60 }", /x-cache on a PUT takes only precondition/],
    ["post", "x-cache: { precondition: required }", /x-cache does not apply to POST/],
    ["patch", "x-cache: { precondition: always }", /x-cache precondition "always" is not optional or required/],
  ])("%s: %s", async (method, given, message) => {
    await expect(operationOf(given, { method })).rejects.toMatchObject({ message: expect.stringMatching(message), location: { pointer: expect.stringMatching(/^#\/paths\/~1things\/\w+\/x-cache/) }, hint: expect.any(String) });
  });
});

describe("policy errors name the pointer and a fix", () => {
  it.each([
    ["an unknown pagination style", `x-pagination: { style: keyset }`, /unknown pagination style "keyset"/],
    ["an undeclared limit parameter", `x-pagination: { style: offset, limitParam: size }\nparameters: [${query("offset", int)}]`, /limitParam "size" is not a query parameter/],
    ["an x-pagination cursor list whose response does not say where the next cursor is", `x-pagination: { style: cursor }\nparameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, /paginated by "cursor", but its response does not say where the next cursor is/],
    ["a default over the max", `x-pagination: { style: offset, defaultLimit: 50, maxLimit: 10 }\nparameters: [${query("offset", int)}, ${query("limit", int)}]`, /defaultLimit is over maxLimit/],
    ["a ttl that is not a duration", "x-idempotency: { ttl: soon }", /x-idempotency ttl is not a duration/],
    ["an unknown algorithm", "x-rate-limit: { limit: 1, window: 1s, algorithm: leaky-bucket }", /unknown rate-limit algorithm "leaky-bucket"/],
    ["an x-sort param that is not declared", "x-sort: { fields: [name] }", /x-sort param "sort" is not a query parameter/],
    ["x-sort fields that are not names", `x-sort: { fields: [name, "a b"] }\n${sortParam("{ type: string }")}`, /x-sort fields must be a list of field names/],
    ["an x-sort field listed twice", `x-sort: { fields: [name, name] }\n${sortParam("{ type: string }")}`, /x-sort fields lists a field twice/],
    ["an x-sort default outside the fields", `x-sort: { fields: [name], default: -price }\n${sortParam("{ type: string }")}`, /x-sort default sorts by "price", which is not in fields/],
    ["an x-sort default with more keys than allowed", `x-sort: { fields: [a, b], default: [a, b], maxKeys: 1 }\n${sortParam("{ type: string }")}`, /more keys than maxKeys/],
    ["an x-sort maxKeys of 0", `x-sort: { fields: [a], maxKeys: 0 }\n${sortParam("{ type: string }")}`, /x-sort maxKeys must be a whole number of at least 1/],
    ["a misspelt x-cache directive", "x-cache: { maxAge: 60 }", /x-cache has no "maxAge" on a GET/],
    ["a precondition on a read", "x-cache: { precondition: required }", /x-cache has no "precondition" on a GET/],
    ["a max-age that is not whole seconds", "x-cache: { max-age: 1500ms }", /x-cache max-age is not a whole number of seconds/],
    ["an ETag strength that does not exist", "x-cache: { etag: medium }", /x-cache etag "medium" is not strong, weak or false/],
    ["both public and private", "x-cache: { public: true, private: true }", /x-cache says both public and private/],
    ["a Vary that is not a list of header names", "x-cache: { vary: [Accept Language] }", /x-cache vary must be a list of header names/],
    ["a flag that is not true or false", "x-cache: { no-store: yes please }", /x-cache no-store must be true or false/],
  ])("%s", async (_name, given, message) => {
    await expect(operationOf(given, { method: "get" })).rejects.toMatchObject({ message: expect.stringMatching(message), location: { pointer: expect.stringMatching(/^#\/paths\/~1things\/get\/(x-|responses)/) }, hint: expect.any(String) });
  });
});
