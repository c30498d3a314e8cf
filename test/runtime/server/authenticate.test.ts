import { describe, expect, it } from "vitest";
import type { OperationContract, SecuritySchemeContract } from "../../../templates/runtime/contract.js";
import { authenticate, type VerifyContext } from "../../../templates/runtime/server/auth.js";
import { toRoutes } from "../../../templates/runtime/server/route.js";
import { ContractValidators } from "../../../templates/runtime/server/validation.js";

const schemes: Record<string, SecuritySchemeContract> = {
  key: { type: "apiKey", in: "header", name: "x-api-key" },
  bearer: { type: "http", scheme: "bearer" },
  other: { type: "apiKey", in: "header", name: "x-other" },
};

const route = (security: OperationContract["security"]) =>
  toRoutes(
    { getThing: { method: "GET", path: "/things", tags: [], parameters: [], requestBody: null, responses: { "200": ["application/json"] }, security, deprecated: false, rateLimits: [] } },
    schemes,
    new ContractValidators({ openapi: "3.0", document: { operations: {} } }),
  )[0]!;

/** Verifiers that record what they were asked: a credential `good` passes, anything else fails. */
function recording() {
  const calls: Array<{ scheme: string; credential: unknown; context: VerifyContext }> = [];
  const verifier = (scheme: string) => (credential: unknown, context: VerifyContext) => {
    calls.push({ scheme, credential, context });
    return credential === "good" ? { scheme } : null;
  };
  return { calls, verifiers: { key: verifier("key"), bearer: verifier("bearer"), other: verifier("other") } };
}

const sources = (headers: Record<string, string>) => ({ headers, query: [], cookies: new Map<string, string>(), clientCertificate: undefined });

describe("authenticate", () => {
  it("gives each verifier the operation, the request id and the requirement's scopes, and nothing else", async () => {
    const { calls, verifiers } = recording();
    const operation = route([[{ scheme: "bearer", scopes: ["read", "write"] }]]);
    const outcome = await authenticate(operation, schemes, verifiers, sources({ authorization: "Bearer good" }), { operationId: "getThing", requestId: "req-1" }, "api");
    expect(outcome).toEqual({ principal: { scheme: "bearer" } });
    expect(calls).toEqual([{ scheme: "bearer", credential: "good", context: { operationId: "getThing", requestId: "req-1", scopes: ["read", "write"] } }]);
    expect(Object.keys(calls[0]?.context ?? {})).toEqual(["operationId", "requestId", "scopes"]);
  });

  it("verifies a scheme named in two alternatives once, and a scheme with other scopes again", async () => {
    const { calls, verifiers } = recording();
    const operation = route([
      [{ scheme: "key", scopes: [] }, { scheme: "other", scopes: [] }],
      [{ scheme: "key", scopes: [] }, { scheme: "bearer", scopes: [] }],
      [{ scheme: "key", scopes: ["admin"] }],
    ]);
    expect(operation.repeatsScheme).toBe(true);
    const headers = { "x-api-key": "good", "x-other": "bad", authorization: "Bearer bad" };
    await expect(authenticate(operation, schemes, verifiers, sources(headers), { operationId: "getThing", requestId: "req-2" }, "api")).resolves.toEqual({ principal: { scheme: "key" } });
    expect(calls.map((call) => `${call.scheme} [${call.context.scopes.join(",")}]`)).toEqual(["key []", "other []", "bearer []", "key [admin]"]);
  });

  it("asks again in every alternative when no scheme repeats", async () => {
    const { calls, verifiers } = recording();
    const operation = route([[{ scheme: "key", scopes: [] }], [{ scheme: "bearer", scopes: [] }]]);
    expect(operation.repeatsScheme).toBe(false);
    await expect(authenticate(operation, schemes, verifiers, sources({ "x-api-key": "bad", authorization: "Bearer good" }), { operationId: "getThing", requestId: "req-3" }, "api")).resolves.toEqual({ principal: { scheme: "bearer" } });
    expect(calls.map((call) => call.scheme)).toEqual(["key", "bearer"]);
  });
});
