import { describe, expect, it } from "vitest";
import type { OperationContract, ParameterContract, SecuritySchemeContract } from "../../../templates/runtime/contract.js";
import { toRoute } from "../../../templates/runtime/server/route.js";

const schemes: Record<string, SecuritySchemeContract> = {
  session: { type: "apiKey", in: "cookie", name: "sid" },
  key: { type: "apiKey", in: "header", name: "x-api-key" },
  bearer: { type: "http", scheme: "bearer" },
};
const parameter = (name: string, location: ParameterContract["in"]): ParameterContract => ({ name, in: location, required: false, style: "form", explode: true, shape: "scalar" });
const operation = (parameters: ParameterContract[], security: OperationContract["security"]): OperationContract => ({
  method: "GET",
  path: "/things",
  tags: [],
  parameters,
  requestBody: null,
  responses: { "200": ["application/json"] },
  security,
  deprecated: false,
  rateLimits: [],
});

/** What the pipeline works out once per operation instead of on every request. */
describe("a route", () => {
  it("reads cookies only when a cookie parameter or an API key sent as a cookie asks for them", () => {
    const readsCookies = (parameters: ParameterContract[], security: OperationContract["security"]) => toRoute("op", operation(parameters, security), schemes).readsCookies;
    expect(readsCookies([parameter("theme", "cookie")], [])).toBe(true);
    expect(readsCookies([], [[{ scheme: "bearer", scopes: [] }], [{ scheme: "session", scopes: [] }]])).toBe(true);
    expect(readsCookies([parameter("q", "query"), parameter("x-trace", "header")], [[{ scheme: "key", scopes: [] }, { scheme: "bearer", scopes: [] }]])).toBe(false);
    expect(readsCookies([], [])).toBe(false);
  });

  it("knows its query parameters' names", () => {
    const route = toRoute("op", operation([parameter("q", "query"), parameter("id", "path"), parameter("page", "query")], []), schemes);
    expect([...route.queryNames].sort()).toEqual(["page", "q"]);
    expect(route.parameterLocations).toEqual(["path", "query"]);
  });
});
