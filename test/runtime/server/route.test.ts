import { describe, expect, it } from "vitest";
import type { OperationContract, ParameterContract, SecuritySchemeContract } from "../../../templates/runtime/contract.js";
import { toRoute } from "../../../templates/runtime/server/route.js";
import { ContractValidators } from "../../../templates/runtime/server/validation.js";

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

const validators = new ContractValidators({ openapi: "3.0", document: { operations: {} } }).forOperation("op");
const route = (parameters: ParameterContract[], security: OperationContract["security"]) => toRoute("op", operation(parameters, security), schemes, validators);

/** What the pipeline works out once per operation instead of on every request. */
describe("a route", () => {
  it("reads cookies only when a cookie parameter or an API key sent as a cookie asks for them", () => {
    const readsCookies = (parameters: ParameterContract[], security: OperationContract["security"]) => route(parameters, security).readsCookies;
    expect(readsCookies([parameter("theme", "cookie")], [])).toBe(true);
    expect(readsCookies([], [[{ scheme: "bearer", scopes: [] }], [{ scheme: "session", scopes: [] }]])).toBe(true);
    expect(readsCookies([parameter("q", "query"), parameter("x-trace", "header")], [[{ scheme: "key", scopes: [] }, { scheme: "bearer", scopes: [] }]])).toBe(false);
    expect(readsCookies([], [])).toBe(false);
  });

  it("knows its query parameters' names", () => {
    const made = route([parameter("q", "query"), parameter("id", "path"), parameter("page", "query")], []);
    expect([...made.queryNames].sort()).toEqual(["page", "q"]);
    expect(made.parameterLocations).toEqual(["path", "query"]);
  });

  it("knows whether a security scheme is in more than one of its alternatives", () => {
    const repeats = (security: OperationContract["security"]) => route([], security).repeatsScheme;
    expect(repeats([[{ scheme: "key", scopes: [] }, { scheme: "bearer", scopes: [] }], [{ scheme: "key", scopes: ["admin"] }]])).toBe(true);
    expect(repeats([[{ scheme: "key", scopes: [] }], [{ scheme: "bearer", scopes: [] }], []])).toBe(false);
    expect(repeats([])).toBe(false);
  });

  it("keeps the validators it is given", () => {
    expect(route([], []).validators).toBe(validators);
  });
});
