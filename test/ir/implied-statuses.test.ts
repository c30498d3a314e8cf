import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ROOT, runCli, tempDir } from "../helpers.js";
import { operationOf } from "./model-of.js";

describe("implied statuses", () => {
  it.each([
    ["nothing to validate, no auth, no policies", "operationId: plain", "", []],
    ["a parameter", "parameters: [{ name: q, in: query, schema: { type: string } }]", "", [400]],
    ["a body", "requestBody: { content: { application/json: { schema: { type: object } } } }", "", [400, 413, 415]],
    ["security", "security: [{ key: [] }]", "", [401, 403]],
    ["optional security", "security: [{}, { key: [] }]", "", [401]],
    ["document security", "operationId: secured", "security: [{ key: [] }]\n", [401, 403]],
    ["idempotency", "x-idempotency: { required: true }", "", [400, 409, 422, 503]],
    ["a fail-open rate limit", "x-rate-limit: { limit: 5, window: 1m }", "", [429]],
    ["a fail-closed rate limit", "x-rate-limit: { limit: 5, window: 1m, failOpen: false }", "", [429, 503]],
  ])("%s → %j", async (_name, operation, root, want) => {
    const built = await operationOf(operation, { root });
    expect(built?.impliedStatuses.map(({ status }) => status)).toEqual(want);
  });
});

describe("implied statuses of conditional requests", () => {
  it.each([
    ["get", "x-cache: { max-age: 60 }", [304]],
    ["get", "x-cache: { etag: false, max-age: 60 }", []],
    ["put", "x-cache: { precondition: optional }", [412]],
    ["delete", "x-cache: { precondition: required }", [412, 428]],
  ])("%s with %s → %j", async (method, operation, want) => {
    const built = await operationOf(operation, { method });
    expect(built?.impliedStatuses.map(({ status }) => status)).toEqual(want);
  });
});

describe("codegen validate on undeclared statuses", () => {
  it("warns with one summary line and a fix, and exits 0", () => {
    const result = runCli(["validate", join(ROOT, "fixtures/auth.yaml")]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: 10 of 11 operations do not declare statuses the generated server may send \(401 ×10, 403 ×9\)$/m);
    expect(result.stderr).toMatch(/--verbose/);
    expect(result.stderr).toMatch(/^ {2}fix: declare them/m);
    expect(result.stderr).not.toMatch(/withBearer:/);
  });

  it("lists each operation's statuses and reasons with --verbose", () => {
    const result = runCli(["validate", join(ROOT, "fixtures/auth.yaml"), "--verbose"]);
    expect(result.stderr).toMatch(/^ {2}withBearer: 401 \(authentication\), 403 \(authorization\)$/m);
  });

  it("exits 1 with --strict when any is missing, 0 when the contract declares them all", () => {
    expect(runCli(["validate", join(ROOT, "fixtures/auth.yaml"), "--strict", "--quiet"]).status).toBe(1);
    expect(runCli(["validate", join(ROOT, "fixtures/users.yaml"), "--strict", "--quiet"]).status).toBe(0);
    const declared = runCli(["validate", join(ROOT, "fixtures/hardening.yaml"), "--strict"]);
    expect(declared.status).toBe(0);
    expect(declared.stderr).toBe("");
  });

  it("warns from generate too", () => {
    const result = runCli([join(ROOT, "fixtures/limits.yaml"), "-o", join(tempDir(), "out")]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: 4 of 6 operations .*429 ×4/m);
  });
});
