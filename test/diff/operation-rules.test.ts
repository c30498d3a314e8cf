import { describe, expect, it } from "vitest";
import { ruleOf, RULES, SCHEMA_CHANGE_KINDS, SCHEMA_CONTEXTS } from "../../src/diff/rules.js";
import { diffOf, documentWith, operationDocument as op } from "./models.js";

type Row = { rule: string; base: object; head: object; twin?: string };

const query = (name: string, extra: object = {}) => ({ name, in: "query", schema: { type: "string" }, ...extra });
const json = (schema: object = { type: "object" }) => ({ content: { "application/json": { schema } } });
const ok = (extra: object = {}) => ({ "200": { description: "ok", ...extra } });
const limit = (extra: object) => ({ "x-rate-limit": { limit: 100, window: "1m", ...extra } });
const page = (extra: object = {}) => ({
  "x-pagination": { style: "cursor", limitParam: "limit", cursorParam: "cursor", itemsPath: "data", nextCursorPath: "next", ...extra },
});
const listResponse = { "200": { description: "ok", ...json({ type: "object", properties: { data: { type: "array", items: { type: "string" } }, next: { type: "string" }, after: { type: "string" } } }) } };
const paged = (extension: object) => op({ parameters: [query("limit", { schema: { type: "integer" } }), query("cursor"), query("after")], responses: listResponse, ...extension }, { method: "get" });

const sortable = (extension: object) => op({ parameters: [query("sort"), query("order")], ...extension }, { method: "get" });
const maker = { anyOf: [{ type: "string" }, { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } }] };
const product = { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, owner: { type: "object", properties: { name: { type: "string" }, team: { type: "string" } } }, maker, vendor: maker } };
const selectable = (extension: object) => op({ parameters: [query("fields"), query("select"), query("expand"), query("include")], responses: { "200": { description: "ok", ...json(product) } }, ...extension }, { method: "get" });

/** The smallest pair of documents that shows each operation-level rule; `twin` names a non-breaking counterpart row. */
const ROWS: Row[] = [
  { rule: "operation-removed", base: documentWith({ "/a": { get: { responses: ok() } }, "/b": { get: { responses: ok() } } }), head: documentWith({ "/a": { get: { responses: ok() } } }), twin: "operation-added" },
  { rule: "operation-added", base: documentWith({ "/a": { get: { responses: ok() } } }), head: documentWith({ "/a": { get: { responses: ok() } }, "/b": { get: { responses: ok() } } }) },
  { rule: "operation-removed-after-sunset", base: documentWith({ "/a": { get: { responses: ok() } }, "/b": { get: { deprecated: true, "x-sunset": "2026-06-30", responses: ok() } } }), head: documentWith({ "/a": { get: { responses: ok() } } }) },
  { rule: "operation-removed-before-sunset", base: documentWith({ "/a": { get: { responses: ok() } }, "/b": { get: { deprecated: true, "x-sunset": "2027-06-30", responses: ok() } } }), head: documentWith({ "/a": { get: { responses: ok() } } }), twin: "operation-removed-after-sunset" },
  { rule: "operation-path-changed", base: documentWith({ "/a": { get: { operationId: "getA", responses: ok() } } }), head: documentWith({ "/b": { get: { operationId: "getA", responses: ok() } } }), twin: "operation-added" },
  { rule: "operation-method-changed", base: documentWith({ "/a": { get: { operationId: "getA", responses: ok() } } }), head: documentWith({ "/a": { post: { operationId: "getA", responses: ok() } } }), twin: "operation-added" },
  { rule: "operation-deprecated", base: op({}), head: op({ deprecated: true }) },
  { rule: "operation-undeprecated", base: op({ deprecated: true }), head: op({}) },
  { rule: "operation-sunset-added", base: op({ deprecated: true }), head: op({ deprecated: true, "x-sunset": "2027-06-30" }) },
  { rule: "operation-sunset-changed", base: op({ deprecated: true, "x-sunset": "2027-06-30" }), head: op({ deprecated: true, "x-sunset": "2027-12-31" }) },
  { rule: "operation-sunset-earlier", base: op({ deprecated: true, "x-sunset": "2027-06-30" }), head: op({ deprecated: true, "x-sunset": "2027-01-31" }), twin: "operation-sunset-changed" },
  { rule: "stability-level-decreased", base: op({ "x-stability-level": "stable" }), head: op({ "x-stability-level": "beta" }), twin: "stability-level-increased" },
  { rule: "stability-level-increased", base: op({ "x-stability-level": "beta" }), head: op({ "x-stability-level": "stable" }) },
  { rule: "request-parameter-removed", base: op({ parameters: [query("q")] }), head: op({}), twin: "request-parameter-added" },
  { rule: "request-parameter-added", base: op({}), head: op({ parameters: [query("q")] }) },
  { rule: "request-required-parameter-added", base: op({}), head: op({ parameters: [query("q", { required: true })] }), twin: "request-parameter-added" },
  { rule: "request-parameter-became-required", base: op({ parameters: [query("q")] }), head: op({ parameters: [query("q", { required: true })] }), twin: "request-parameter-became-optional" },
  { rule: "request-parameter-became-optional", base: op({ parameters: [query("q", { required: true })] }), head: op({ parameters: [query("q")] }) },
  { rule: "request-parameter-location-changed", base: op({ parameters: [query("q")] }), head: op({ parameters: [{ name: "q", in: "header", schema: { type: "string" } }] }), twin: "request-parameter-added" },
  { rule: "request-parameter-style-changed", base: op({ parameters: [query("q", { schema: { type: "array", items: { type: "string" } } })] }), head: op({ parameters: [query("q", { schema: { type: "array", items: { type: "string" } }, style: "pipeDelimited" })] }), twin: "request-parameter-added" },
  { rule: "request-parameter-explode-changed", base: op({ parameters: [query("q", { schema: { type: "array", items: { type: "string" } } })] }), head: op({ parameters: [query("q", { schema: { type: "array", items: { type: "string" } }, explode: false })] }), twin: "request-parameter-added" },
  { rule: "request-parameter-deprecated", base: op({ parameters: [query("q")] }), head: op({ parameters: [query("q", { deprecated: true })] }) },
  { rule: "path-parameter-renamed", base: documentWith({ "/a/{orderId}": { get: { parameters: [{ name: "orderId", in: "path", required: true, schema: { type: "string" } }], responses: ok() } } }), head: documentWith({ "/a/{id}": { get: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: ok() } } }), twin: "request-parameter-added" },
  { rule: "request-body-added", base: op({}), head: op({ requestBody: json() }) },
  { rule: "request-body-added-required", base: op({}), head: op({ requestBody: { required: true, ...json() } }), twin: "request-body-added" },
  { rule: "request-body-removed", base: op({ requestBody: json() }), head: op({}), twin: "request-body-added" },
  { rule: "request-body-became-required", base: op({ requestBody: json() }), head: op({ requestBody: { required: true, ...json() } }), twin: "request-body-became-optional" },
  { rule: "request-body-became-optional", base: op({ requestBody: { required: true, ...json() } }), head: op({ requestBody: json() }) },
  { rule: "request-media-type-removed", base: op({ requestBody: { content: { "application/json": {}, "text/plain": {} } } }), head: op({ requestBody: json() }), twin: "request-media-type-added" },
  { rule: "request-media-type-added", base: op({ requestBody: json() }), head: op({ requestBody: { content: { "application/json": { schema: { type: "object" } }, "text/plain": {} } } }) },
  { rule: "response-success-status-removed", base: op({ responses: { ...ok(), "201": { description: "c" } } }), head: op({}), twin: "response-success-status-added" },
  { rule: "response-success-status-added", base: op({}), head: op({ responses: { ...ok(), "201": { description: "c" } } }) },
  { rule: "response-error-status-removed", base: op({ responses: { ...ok(), "404": { description: "n" } } }), head: op({}) },
  { rule: "response-error-status-added", base: op({}), head: op({ responses: { ...ok(), "404": { description: "n" } } }) },
  { rule: "response-media-type-removed", base: op({ responses: ok({ content: { "application/json": {}, "text/csv": {} } }) }), head: op({ responses: ok({ content: { "application/json": {} } }) }), twin: "response-media-type-added" },
  { rule: "response-media-type-added", base: op({ responses: ok({ content: { "application/json": {} } }) }), head: op({ responses: ok({ content: { "application/json": {}, "text/csv": {} } }) }) },
  { rule: "response-header-removed", base: op({ responses: ok({ headers: { "X-A": { required: true, schema: { type: "string" } } } }) }), head: op({}), twin: "response-header-added" },
  { rule: "response-optional-header-removed", base: op({ responses: ok({ headers: { "X-A": { schema: { type: "string" } } } }) }), head: op({}) },
  { rule: "response-header-became-optional", base: op({ responses: ok({ headers: { "X-A": { required: true, schema: { type: "string" } } } }) }), head: op({ responses: ok({ headers: { "x-a": { schema: { type: "string" } } } }) }), twin: "response-header-became-required" },
  { rule: "response-header-became-required", base: op({ responses: ok({ headers: { "X-A": { schema: { type: "string" } } } }) }), head: op({ responses: ok({ headers: { "X-A": { required: true, schema: { type: "string" } } } }) }) },
  { rule: "response-header-added", base: op({}), head: op({ responses: ok({ headers: { "X-A": { schema: { type: "string" } } } }) }) },
  { rule: "security-added", base: op({}), head: op({ security: [{ key: [] }] }), twin: "security-removed" },
  { rule: "security-removed", base: op({ security: [{ key: [] }] }), head: op({}) },
  { rule: "security-alternative-removed", base: op({ security: [{ key: [] }, { oauth: ["read"] }] }), head: op({ security: [{ oauth: ["read"] }] }), twin: "security-alternative-added" },
  { rule: "security-alternative-added", base: op({ security: [{ oauth: ["read"] }] }), head: op({ security: [{ key: [] }, { oauth: ["read"] }] }) },
  { rule: "security-scope-added", base: op({ security: [{ oauth: ["read"] }] }), head: op({ security: [{ oauth: ["read", "write"] }] }), twin: "security-scope-removed" },
  { rule: "security-scope-removed", base: op({ security: [{ oauth: ["read", "write"] }] }), head: op({ security: [{ oauth: ["read"] }] }) },
  {
    rule: "security-scheme-changed",
    base: op({ security: [{ key: [] }] }),
    head: op({ security: [{ key: [] }] }, { root: { components: { securitySchemes: { key: { type: "apiKey", in: "query", name: "key" } } } } }),
    twin: "security-alternative-added",
  },
  { rule: "rate-limit-added", base: op({}), head: op(limit({})), twin: "rate-limit-removed" },
  { rule: "rate-limit-removed", base: op(limit({})), head: op({}) },
  { rule: "rate-limit-tightened", base: op(limit({})), head: op(limit({ limit: 50 })), twin: "rate-limit-loosened" },
  { rule: "rate-limit-loosened", base: op(limit({})), head: op(limit({ window: "30s" })) },
  { rule: "rate-limit-algorithm-changed", base: op(limit({})), head: op(limit({ algorithm: "token-bucket" })), twin: "rate-limit-loosened" },
  { rule: "rate-limit-key-changed", base: op(limit({})), head: op(limit({ key: "header:X-Tenant" })), twin: "rate-limit-loosened" },
  { rule: "rate-limit-fail-open-changed", base: op(limit({})), head: op(limit({ failOpen: false })) },
  { rule: "idempotency-key-required", base: op({ "x-idempotency": { required: false } }), head: op({ "x-idempotency": { required: true } }), twin: "idempotency-key-optional" },
  { rule: "idempotency-key-optional", base: op({ "x-idempotency": { required: true } }), head: op({ "x-idempotency": { required: false } }) },
  { rule: "idempotency-added", base: op({}), head: op({ "x-idempotency": { required: false } }) },
  { rule: "idempotency-removed", base: op({ "x-idempotency": { required: false } }), head: op({}), twin: "idempotency-added" },
  { rule: "idempotency-header-changed", base: op({ "x-idempotency": {} }), head: op({ "x-idempotency": { header: "X-Request-Key" } }), twin: "idempotency-added" },
  { rule: "idempotency-ttl-shortened", base: op({ "x-idempotency": { ttl: "24h" } }), head: op({ "x-idempotency": { ttl: "1h" } }), twin: "idempotency-ttl-lengthened" },
  { rule: "idempotency-ttl-lengthened", base: op({ "x-idempotency": { ttl: "1h" } }), head: op({ "x-idempotency": { ttl: "24h" } }) },
  { rule: "pagination-added", base: paged({ "x-pagination": false }), head: paged(page()), twin: "pagination-max-limit-increased" },
  { rule: "pagination-removed", base: paged(page()), head: paged({ "x-pagination": false }), twin: "pagination-max-limit-increased" },
  { rule: "pagination-style-changed", base: paged(page()), head: paged(page({ style: "offset", offsetParam: "cursor" })), twin: "pagination-max-limit-increased" },
  { rule: "pagination-parameter-changed", base: paged(page()), head: paged(page({ cursorParam: "after" })), twin: "pagination-max-limit-increased" },
  { rule: "pagination-cursor-source-changed", base: paged(page()), head: paged(page({ nextCursorPath: "after" })), twin: "pagination-max-limit-increased" },
  { rule: "pagination-max-limit-decreased", base: paged(page({ maxLimit: 100 })), head: paged(page({ maxLimit: 50 })), twin: "pagination-max-limit-increased" },
  { rule: "pagination-max-limit-increased", base: paged(page({ maxLimit: 50 })), head: paged(page({ maxLimit: 100 })) },
  { rule: "pagination-default-limit-changed", base: paged(page({ defaultLimit: 20 })), head: paged(page({ defaultLimit: 10 })) },
  { rule: "sort-added", base: sortable({ "x-sort": false }), head: sortable({ "x-sort": { fields: ["name"] } }) },
  { rule: "sort-removed", base: sortable({ "x-sort": { fields: ["name"] } }), head: op({ parameters: [query("order")] }, { method: "get" }), twin: "sort-added" },
  { rule: "sort-unchecked", base: sortable({ "x-sort": { fields: ["name"] } }), head: sortable({ "x-sort": false }), twin: "sort-added" },
  { rule: "sort-field-removed", base: sortable({ "x-sort": { fields: ["name", "price"] } }), head: sortable({ "x-sort": { fields: ["name"], maxKeys: 2 } }), twin: "sort-field-added" },
  { rule: "sort-field-added", base: sortable({ "x-sort": { fields: ["name"], maxKeys: 2 } }), head: sortable({ "x-sort": { fields: ["name", "price"] } }) },
  { rule: "sort-max-keys-decreased", base: sortable({ "x-sort": { fields: ["name", "price"] } }), head: sortable({ "x-sort": { fields: ["name", "price"], maxKeys: 1 } }), twin: "sort-max-keys-increased" },
  { rule: "sort-max-keys-increased", base: sortable({ "x-sort": { fields: ["name", "price"], maxKeys: 1 } }), head: sortable({ "x-sort": { fields: ["name", "price"] } }) },
  { rule: "sort-param-changed", base: sortable({ "x-sort": { fields: ["name"] } }), head: sortable({ "x-sort": { fields: ["name"], param: "order" } }), twin: "sort-field-added" },
  { rule: "sort-default-changed", base: sortable({ "x-sort": { fields: ["name", "price"], default: "name" } }), head: sortable({ "x-sort": { fields: ["name", "price"], default: "-price" } }) },
  { rule: "fields-added", base: selectable({}), head: selectable({ "x-fields": {} }) },
  { rule: "fields-removed", base: selectable({ "x-fields": {} }), head: op({ parameters: [query("select"), query("expand"), query("include")], responses: { "200": { description: "ok", ...json(product) } } }, { method: "get" }), twin: "fields-added" },
  { rule: "fields-unchecked", base: selectable({ "x-fields": {} }), head: selectable({}), twin: "fields-added" },
  { rule: "fields-field-removed", base: selectable({ "x-fields": { fields: ["name", "owner"] } }), head: selectable({ "x-fields": { fields: ["name"], maxFields: 2 } }), twin: "fields-field-added" },
  { rule: "fields-field-added", base: selectable({ "x-fields": { fields: ["name"], maxFields: 2 } }), head: selectable({ "x-fields": { fields: ["name", "owner"] } }) },
  { rule: "fields-max-decreased", base: selectable({ "x-fields": { fields: ["name", "owner"] } }), head: selectable({ "x-fields": { fields: ["name", "owner"], maxFields: 1 } }), twin: "fields-max-increased" },
  { rule: "fields-max-increased", base: selectable({ "x-fields": { fields: ["name", "owner"], maxFields: 1 } }), head: selectable({ "x-fields": { fields: ["name", "owner"] } }) },
  { rule: "fields-depth-decreased", base: selectable({ "x-fields": { fields: ["name"], depth: 2 } }), head: selectable({ "x-fields": { fields: ["name"], depth: 1 } }), twin: "fields-field-added" },
  { rule: "fields-param-changed", base: selectable({ "x-fields": { fields: ["name"] } }), head: selectable({ "x-fields": { fields: ["name"], param: "select" } }), twin: "fields-field-added" },
  { rule: "fields-always-removed", base: selectable({ "x-fields": { fields: ["name"], always: ["id"] } }), head: selectable({ "x-fields": { fields: ["name"] } }), twin: "fields-field-added" },
  { rule: "expand-added", base: selectable({}), head: selectable({ "x-expand": { fields: ["maker"] } }) },
  { rule: "expand-removed", base: selectable({ "x-expand": { fields: ["maker"] } }), head: op({ parameters: [query("fields"), query("select"), query("include")], responses: { "200": { description: "ok", ...json(product) } } }, { method: "get" }), twin: "expand-added" },
  { rule: "expand-unchecked", base: selectable({ "x-expand": { fields: ["maker"] } }), head: selectable({}), twin: "expand-added" },
  { rule: "expand-field-removed", base: selectable({ "x-expand": { fields: ["maker", "vendor"] } }), head: selectable({ "x-expand": { fields: ["maker"], maxExpansions: 2 } }), twin: "expand-field-added" },
  { rule: "expand-field-added", base: selectable({ "x-expand": { fields: ["maker"], maxExpansions: 2 } }), head: selectable({ "x-expand": { fields: ["maker", "vendor"] } }) },
  { rule: "expand-max-decreased", base: selectable({ "x-expand": { fields: ["maker", "vendor"] } }), head: selectable({ "x-expand": { fields: ["maker", "vendor"], maxExpansions: 1 } }), twin: "expand-max-increased" },
  { rule: "expand-max-increased", base: selectable({ "x-expand": { fields: ["maker", "vendor"], maxExpansions: 1 } }), head: selectable({ "x-expand": { fields: ["maker", "vendor"] } }) },
  { rule: "expand-depth-decreased", base: selectable({ "x-expand": { fields: ["maker"], depth: 2 } }), head: selectable({ "x-expand": { fields: ["maker"], depth: 1 } }), twin: "expand-field-added" },
  { rule: "expand-param-changed", base: selectable({ "x-expand": { fields: ["maker"] } }), head: selectable({ "x-expand": { fields: ["maker"], param: "include" } }), twin: "expand-field-added" },
  { rule: "precondition-required", base: op({ "x-cache": { precondition: "optional" } }, { method: "put" }), head: op({ "x-cache": { precondition: "required" } }, { method: "put" }), twin: "precondition-optional" },
  { rule: "precondition-optional", base: op({ "x-cache": { precondition: "required" } }, { method: "put" }), head: op({ "x-cache": { precondition: "optional" } }, { method: "put" }) },
  { rule: "precondition-added", base: op({}, { method: "delete" }), head: op({ "x-cache": { precondition: "optional" } }, { method: "delete" }) },
  { rule: "precondition-removed", base: op({ "x-cache": { precondition: "optional" } }, { method: "patch" }), head: op({}, { method: "patch" }), twin: "precondition-added" },
  { rule: "etag-added", base: op({}, { method: "get" }), head: op({ "x-cache": { etag: "strong" } }, { method: "get" }) },
  { rule: "etag-removed", base: op({ "x-cache": { etag: "weak" } }, { method: "get" }), head: op({ "x-cache": { etag: false } }, { method: "get" }), twin: "etag-added" },
  { rule: "etag-strength-changed", base: op({ "x-cache": { etag: "strong" } }, { method: "get" }), head: op({ "x-cache": { etag: "weak" } }, { method: "get" }) },
  { rule: "cache-control-changed", base: op({ "x-cache": { "max-age": 60 } }, { method: "get" }), head: op({ "x-cache": { "max-age": 60, vary: ["Accept"] } }, { method: "get" }) },
  { rule: "operation-id-changed", base: op({ operationId: "makeThing" }), head: op({ operationId: "createThing" }), twin: "operation-deprecated" },
  { rule: "operation-group-changed", base: op({ tags: ["things"] }), head: op({ tags: ["items"] }), twin: "operation-deprecated" },
  { rule: "component-schema-removed", base: op({}, { root: { components: { schemas: { Old: { type: "string" } } } } }), head: op({}), twin: "component-schema-added" },
  { rule: "component-schema-renamed", base: op({}, { root: { components: { schemas: { Old: { type: "string", maxLength: 3 } } } } }), head: op({}, { root: { components: { schemas: { New: { type: "string", maxLength: 3 } } } } }), twin: "component-schema-added" },
  { rule: "component-schema-added", base: op({}), head: op({}, { root: { components: { schemas: { New: { type: "string" } } } } }) },
];

describe("every operation-level rule", () => {
  it("has a row for every rule that is not a schema change kind", () => {
    const schemaRules = new Set(SCHEMA_CONTEXTS.flatMap((context) => SCHEMA_CHANGE_KINDS.map((kind) => `${context.prefix}-${kind.kind}`)));
    const tested = new Set(ROWS.map((row) => row.rule));
    expect(RULES.filter((rule) => !schemaRules.has(rule.id) && !tested.has(rule.id)).map((rule) => rule.id)).toEqual([]);
  });

  for (const row of ROWS) {
    it(`${row.rule}: reported with its severity, and nothing on an unchanged document`, async () => {
      const result = await diffOf(row.base, row.head);
      const finding = result.changes.find((change) => change.rule === row.rule);
      expect(finding, JSON.stringify(result.changes.map((change) => change.rule))).toBeDefined();
      expect(finding?.severity).toBe(ruleOf(row.rule).severity);
      expect((await diffOf(row.head, row.head)).changes).toEqual([]);
    });
  }

  it("gives every breaking, policy or sdk rule a non-breaking counterpart row", () => {
    const failing = ROWS.filter((row) => ["breaking", "policy", "sdk"].includes(ruleOf(row.rule).severity));
    const missing = failing.filter((row) => {
      const twin = ROWS.find((other) => other.rule === row.twin);
      return twin === undefined || ["breaking", "policy", "sdk"].includes(ruleOf(twin.rule).severity);
    });
    expect(missing.map((row) => row.rule)).toEqual([]);
  });
});
