import { expect } from "vitest";
import { createRequestHandler, type Handlers, type RouterOptions } from "../../golden/hardening/server/index.js";
import { operations } from "../../golden/hardening/operations.js";
import type { FixtureApp } from "../serve.js";

/** What the hardening handlers did: runs per tenant, order and amount (the idempotency side effect). */
export interface HardeningEffects {
  runs: Map<string, number>;
}

export const ITEMS = Array.from({ length: 80 }, (_, index) => index + 1);

/** API keys name their tenant (`tenant-a`, `tenant-b`); any other key is refused. */
export function hardeningHandler(effects: HardeningEffects = { runs: new Map() }, options: Partial<RouterOptions<string>> = {}) {
  const handlers: Handlers<string> = {
    // Request data goes into headers as received: the server must refuse what HTTP cannot carry.
    echo: ({ path, query, headers }) => ({
      status: 200,
      headers: { "X-Echo-Name": path.name, "X-Echo-Text": query.text ?? "", "X-Echo-Note": headers["X-Note"] ?? "" },
      body: { name: path.name, ...(query.text === undefined ? {} : { text: query.text }), ...(headers["X-Note"] === undefined ? {} : { note: headers["X-Note"] }) },
    }),
    checkCode: ({ body }) => ({ status: 200, body: { code: body.code } }),
    payOrder: ({ principal, path, body }) => {
      const key = `${principal} ${path.orderId} ${body.amount}`;
      const run = (effects.runs.get(key) ?? 0) + 1;
      effects.runs.set(key, run);
      return { status: 201, headers: { Location: `/v1/orders/${encodeURIComponent(path.orderId)}/payments/${run}` }, body: { orderId: path.orderId, amount: body.amount, run } };
    },
    listItems: ({ page }) => {
      const after = typeof page.after?.[0] === "number" ? page.after[0] : 0;
      const items = ITEMS.filter((item) => item > after).slice(0, page.limit);
      const last = items.at(-1);
      return { status: 200, body: { items, ...(last !== undefined && last < ITEMS.length ? { next_cursor: page.cursorFor([last]) } : {}) } };
    },
  };
  return createRequestHandler(handlers, {
    auth: { apiKey: (key) => (key.startsWith("tenant-") ? key : null) },
    pagination: { cursorSecret: "hardening-secret" },
    ...options,
  });
}

const tenant = { "x-api-key": "tenant-a" };

export const hardeningApp: FixtureApp = {
  operations,
  handler: (options) => hardeningHandler(undefined, options),
  calls: [
    { operation: "echo", method: "GET", path: "/v1/echo/ada?text=hi%20there", headers: { ...tenant, "x-note": "n" }, status: 200, response: { name: "ada", text: "hi there", note: "n" } },
    { operation: "checkCode", method: "POST", path: "/v1/codes", headers: tenant, body: { code: "aaa" }, status: 200, response: { code: "aaa" } },
    { operation: "payOrder", method: "POST", path: "/v1/orders/o-1/payments", headers: { ...tenant, "idempotency-key": "e2e-1" }, body: { amount: 5 }, status: 201, response: { orderId: "o-1", amount: 5, run: 1 } },
    { operation: "listItems", method: "GET", path: "/v1/items?limit=3", headers: tenant, status: 200, response: { items: [1, 2, 3], next_cursor: expect.any(String) } },
  ],
};
