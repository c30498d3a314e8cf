import { createRequestHandler, type Handlers, type RouterOptions } from "../../golden/limits/server/index.js";
import { operations } from "../../golden/limits/operations.js";
import type { FixtureApp } from "../serve.js";

export interface Account {
  id: string;
  plan: "free" | "pro";
}

const ok = () => ({ status: 200 as const, body: { ok: true } });

export const limitsHandlers: Handlers<Account> = {
  getLimited: ok,
  getTiered: ok,
  getByClient: ok,
  getStrict: ok,
  getBrief: ok,
  getOpen: ok,
};

/** API keys `free-1`, `free-2` (plan free) and `pro-1` (plan pro). */
export function limitsHandler(options: Partial<RouterOptions<Account>> = {}) {
  return createRequestHandler(limitsHandlers, {
    auth: { apiKey: (key) => (key.startsWith("free-") || key.startsWith("pro-") ? { id: key, plan: key.startsWith("pro-") ? "pro" : "free" } : null) },
    ...options,
    rateLimit: { planOf: (account) => (account as Account).plan, ...options.rateLimit },
  });
}

export const limitsApp: FixtureApp = {
  operations,
  handler: (options) => limitsHandler(options),
  calls: [
    { operation: "getLimited", method: "GET", path: "/limited", status: 200, response: { ok: true } },
    { operation: "getTiered", method: "GET", path: "/tiered", headers: { "x-api-key": "free-1" }, status: 200, response: { ok: true } },
    { operation: "getByClient", method: "GET", path: "/by-client", headers: { "x-client-id": "c-1" }, status: 200, response: { ok: true } },
    { operation: "getStrict", method: "GET", path: "/strict", status: 200, response: { ok: true } },
    { operation: "getBrief", method: "GET", path: "/brief", headers: { "x-client-id": "e2e" }, status: 200, response: { ok: true } },
    { operation: "getOpen", method: "GET", path: "/open", status: 200, response: { ok: true } },
  ],
};
