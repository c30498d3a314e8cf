import { describe, expect, it } from "vitest";
import type { Policies } from "../../src/ir/model.js";
import { operationOf } from "./model-of.js";

const query = (name: string, schema: string) => `{ name: ${name}, in: query, schema: ${schema} }`;
const int = "{ type: integer }";

/** [name, { given: the operation's YAML, method, root lines; want: the policy (or undefined) }] */
const PAGINATION: ReadonlyArray<[string, { given: string; method?: string; want: object | undefined }]> = [
  ["cursor + integer limit", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", want: { style: "cursor", source: "inferred", positionParam: "cursor", limitParam: "limit", defaultLimit: 20, maxLimit: 100 } }],
  ["offset + limit", { given: `parameters: [${query("offset", int)}, ${query("limit", int)}]`, method: "get", want: { style: "offset", positionParam: "offset", limitParam: "limit" } }],
  ["page + per_page", { given: `parameters: [${query("page", int)}, ${query("per_page", int)}]`, method: "get", want: { style: "page", limitParam: "per_page" } }],
  ["page + page_size", { given: `parameters: [${query("page", int)}, ${query("page_size", int)}]`, method: "get", want: { style: "page", limitParam: "page_size" } }],
  ["the limit's schema bounds", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", "{ type: integer, maximum: 30, default: 10 }")}]`, method: "get", want: { maxLimit: 30, defaultLimit: 10 } }],
  ["a string page (a token, as Stripe's)", { given: `parameters: [${query("page", "{ type: string }")}, ${query("per_page", int)}]`, method: "get", want: undefined }],
  ["a string limit", { given: `parameters: [${query("cursor", "{ type: string }")}, ${query("limit", "{ type: string }")}]`, method: "get", want: undefined }],
  ["the shape on a POST", { given: `parameters: [${query("offset", int)}, ${query("limit", int)}]`, want: undefined }],
  ["x-pagination: false", { given: `x-pagination: false\nparameters: [${query("cursor", "{ type: string }")}, ${query("limit", int)}]`, method: "get", want: undefined }],
  ["x-pagination", { given: `x-pagination: { style: cursor, cursorParam: after, maxLimit: 50, itemsPath: data, nextCursorPath: meta.next }\nparameters: [${query("after", "{ type: string }")}, ${query("limit", int)}]`, method: "get", want: { style: "cursor", source: "explicit", positionParam: "after", maxLimit: 50, defaultLimit: 20, itemsPath: "data", nextCursorPath: "meta.next" } }],
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

type Case = [string, { given: string; method?: string; root?: string; want: object | undefined }];

describe.each([
  ["pagination", PAGINATION],
  ["idempotency", IDEMPOTENCY],
  ["rateLimit", RATE_LIMIT],
] as Array<[keyof Policies, readonly Case[]]>)("%s inference", (policyName, cases) => {
  it.each(cases)("%s", async (_name, { given, method, root, want }) => {
    const policy = (await operationOf(given, { method: method ?? "post", root: root ?? "" }))?.policies[policyName];
    if (want === undefined) expect(policy).toBeUndefined();
    else expect(policy).toMatchObject(want);
  });
});

describe("policy errors name the pointer and a fix", () => {
  it.each([
    ["an unknown pagination style", `x-pagination: { style: keyset }`, /unknown pagination style "keyset"/],
    ["an undeclared limit parameter", `x-pagination: { style: offset, limitParam: size }\nparameters: [${query("offset", int)}]`, /limitParam "size" is not a query parameter/],
    ["a default over the max", `x-pagination: { style: offset, defaultLimit: 50, maxLimit: 10 }\nparameters: [${query("offset", int)}, ${query("limit", int)}]`, /defaultLimit is over maxLimit/],
    ["a ttl that is not a duration", "x-idempotency: { ttl: soon }", /x-idempotency ttl is not a duration/],
    ["an unknown algorithm", "x-rate-limit: { limit: 1, window: 1s, algorithm: leaky-bucket }", /unknown rate-limit algorithm "leaky-bucket"/],
  ])("%s", async (_name, given, message) => {
    await expect(operationOf(given, { method: "get" })).rejects.toMatchObject({ message: expect.stringMatching(message), location: { pointer: expect.stringMatching(/^#\/paths\/~1things\/get\/x-/) }, hint: expect.any(String) });
  });
});
