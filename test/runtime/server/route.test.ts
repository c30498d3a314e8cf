import { describe, expect, it } from "vitest";
import type { OperationContract, ParameterContract, SecuritySchemeContract } from "../../../templates/runtime/contract.js";
import { replyFor, toRoutes, type Route } from "../../../templates/runtime/server/route.js";
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

const validators = new ContractValidators({ openapi: "3.0", document: { operations: {} } });
const route = (parameters: ParameterContract[], security: OperationContract["security"]) => toRoutes({ op: operation(parameters, security) }, schemes, validators)[0]!;

/** What the pipeline works out once per operation instead of on every request. */
describe("a route", () => {
  it("reads cookies only when a cookie parameter or an API key sent as a cookie asks for them", () => {
    const readsCookies = (parameters: ParameterContract[], security: OperationContract["security"]) => route(parameters, security).readsCookies;
    expect(readsCookies([parameter("theme", "cookie")], [])).toBe(true);
    expect(readsCookies([], [[{ scheme: "bearer", scopes: [] }], [{ scheme: "session", scopes: [] }]])).toBe(true);
    expect(readsCookies([parameter("q", "query"), parameter("x-trace", "header")], [[{ scheme: "key", scopes: [] }, { scheme: "bearer", scopes: [] }]])).toBe(false);
    expect(readsCookies([], [])).toBe(false);
  });

  it("knows its parameters by location, in reading order, and its query parameters' names", () => {
    const made = route([parameter("q", "query"), parameter("id", "path"), parameter("page", "query")], []);
    expect([...made.parameterPlan.queryNames].sort()).toEqual(["page", "q"]);
    expect(made.parameterPlan.locations.map(([location, parameters]) => [location, parameters.map((p) => p.name)])).toEqual([
      ["path", ["id"]],
      ["query", ["q", "page"]],
    ]);
  });

  it("knows whether a security scheme is in more than one of its alternatives", () => {
    const repeats = (security: OperationContract["security"]) => route([], security).repeatsScheme;
    expect(repeats([[{ scheme: "key", scopes: [] }, { scheme: "bearer", scopes: [] }], [{ scheme: "key", scopes: ["admin"] }]])).toBe(true);
    expect(repeats([[{ scheme: "key", scopes: [] }], [{ scheme: "bearer", scopes: [] }], []])).toBe(false);
    expect(repeats([])).toBe(false);
  });

  it("keeps the validators of its operation", () => {
    expect(route([], []).validators).toBe(validators.forOperation("op"));
  });

  it("shares what operations declare alike, and only that", () => {
    const bearer = [[{ scheme: "bearer", scopes: [] }]];
    const [a, b, c] = toRoutes(
      {
        a: operation([parameter("id", "path"), parameter("expand", "query")], bearer),
        b: { ...operation([parameter("id", "path"), parameter("expand", "query")], [[{ scheme: "bearer", scopes: [] }]]), path: "/others" },
        c: { ...operation([parameter("id", "path"), parameter("fields", "query")], [[{ scheme: "bearer", scopes: ["admin"] }]]), responses: { "200": ["text/plain"] } },
      },
      schemes,
      validators,
    ) as [Route, Route, Route];
    // Equal declarations, separate objects in the contract: one copy.
    expect(b.parameters).toBe(a.parameters);
    expect(b.security).toBe(a.security);
    expect(b.responses).toBe(a.responses);
    expect(b.parameterPlan).toBe(a.parameterPlan);
    expect(b.replies).toBe(a.replies);
    // What differs stays apart, and each operation keeps its own identity and validators.
    expect(c.parameters).not.toBe(a.parameters);
    expect([...c.parameterPlan.queryNames]).toEqual(["fields"]);
    expect(c.security).not.toBe(a.security);
    expect(c.security[0]?.[0]?.scopes).toEqual(["admin"]);
    expect(c.responses).not.toBe(a.responses);
    expect(c.replies).not.toBe(a.replies);
    expect([a.id, b.id, c.id]).toEqual(["a", "b", "c"]);
    expect(b.path).toBe("/others");
    expect(b.validators).not.toBe(a.validators);
    // A reply worked out for one operation is right for the other that shares its responses.
    expect(replyFor(a, 200).mediaType).toBe("application/json");
    expect(replyFor(b, 200)).toBe(replyFor(a, 200));
    expect(replyFor(c, 200).mediaType).toBe("text/plain");
  });
});
