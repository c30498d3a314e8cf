import { createRequestHandler, forbidden, type Handlers } from "../../golden/auth/server/index.js";
import { operations } from "../../golden/auth/operations.js";
import type { AppOptions, FixtureApp } from "../serve.js";

export interface Principal {
  name: string;
}

const who = (principal: Principal | undefined) => ({ status: 200 as const, body: { who: principal?.name ?? "anonymous" } });

const handlers: Handlers<Principal> = {
  withHeaderKey: ({ principal }) => who(principal),
  withQueryKey: ({ principal }) => who(principal),
  withCookieKey: ({ principal }) => who(principal),
  withBearer: ({ principal }) => who(principal),
  withBasic: ({ principal }) => who(principal),
  withOauth: ({ principal }) => who(principal),
  withOpenIdConnect: ({ principal }) => who(principal),
  withEither: ({ principal }) => who(principal),
  withBoth: ({ principal }) => who(principal),
  withOptional: ({ principal }) => who(principal),
  withNone: () => who(undefined),
};

/** Good credentials: `key-1`, `Bearer token-1`, `ada:secret`, OAuth `oauth-1` with `reports.read`; `Bearer banned` is forbidden. */
export function authHandler(options: AppOptions = {}) {
  return createRequestHandler(handlers, {
    auth: {
      headerKey: (key) => (key === "key-1" ? { name: "header-key" } : null),
      queryKey: (key) => (key === "key-1" ? { name: "query-key" } : null),
      cookieKey: (key) => (key === "key-1" ? { name: "cookie-key" } : null),
      bearer: (token) => (token === "token-1" ? { name: "bearer" } : token === "banned" ? forbidden("banned") : null),
      basic: ({ username, password }) => (username === "ada" && password === "secret" ? { name: "basic" } : null),
      oauth: (token, { scopes }) => (token !== "oauth-1" ? null : scopes.includes("reports.read") ? { name: "oauth" } : forbidden()),
      oidc: async (token) => (token === "id-1" ? { name: "oidc" } : null),
    },
    validateResponses: true,
    ...options,
  });
}

export const authApp: FixtureApp = {
  operations,
  handler: authHandler,
  calls: [
    { operation: "withHeaderKey", method: "GET", path: "/header-key", headers: { "x-api-key": "key-1" }, status: 200, response: { who: "header-key" } },
    { operation: "withQueryKey", method: "GET", path: "/query-key?api_key=key-1", status: 200, response: { who: "query-key" } },
    { operation: "withCookieKey", method: "GET", path: "/cookie-key", headers: { cookie: "sid=key-1" }, status: 200, response: { who: "cookie-key" } },
    { operation: "withBearer", method: "GET", path: "/bearer", headers: { authorization: "Bearer token-1" }, status: 200, response: { who: "bearer" } },
    {
      operation: "withBasic",
      method: "GET",
      path: "/basic",
      headers: { authorization: `Basic ${btoa("ada:secret")}` },
      status: 200,
      response: { who: "basic" },
    },
    { operation: "withOauth", method: "GET", path: "/oauth", headers: { authorization: "Bearer oauth-1" }, status: 200, response: { who: "oauth" } },
    { operation: "withOpenIdConnect", method: "GET", path: "/oidc", headers: { authorization: "Bearer id-1" }, status: 200, response: { who: "oidc" } },
    { operation: "withEither", method: "GET", path: "/either", headers: { "x-api-key": "key-1" }, status: 200, response: { who: "header-key" } },
    {
      operation: "withBoth",
      method: "GET",
      path: "/both",
      headers: { authorization: "Bearer token-1", "x-api-key": "key-1" },
      status: 200,
      response: { who: "bearer" },
    },
    { operation: "withOptional", method: "GET", path: "/optional", status: 200, response: { who: "anonymous" } },
    { operation: "withNone", method: "GET", path: "/public", status: 200, response: { who: "anonymous" } },
  ],
};
