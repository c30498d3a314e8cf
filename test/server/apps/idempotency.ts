import { createRequestHandler, type Handlers, type RouterOptions } from "../../golden/idempotency/server/index.js";
import { operations } from "../../golden/idempotency/operations.js";
import type { FixtureApp } from "../serve.js";

/** Counts handler runs per item; `count` is swapped for a shared counter (Redis) across processes. */
export interface SideEffects {
  count(item: string): Promise<number>;
}

export function memoryEffects(): SideEffects & { runs: Map<string, number> } {
  const runs = new Map<string, number>();
  return {
    runs,
    count: async (item) => {
      runs.set(item, (runs.get(item) ?? 0) + 1);
      return runs.get(item) ?? 0;
    },
  };
}

/** API keys name their tenant: `tenant-a`, `tenant-b`. `hang: true` never finishes unless `hangs` is false. */
export function idempotencyHandler(effects: SideEffects, options: Partial<RouterOptions<string>> & { hangs?: boolean; delayMs?: number } = {}) {
  const { hangs = true, delayMs = 0, ...routerOptions } = options;
  const handlers: Handlers<string> = {
    createOrder: async ({ body }) => {
      const run = await effects.count(body.item);
      if (body.hang === true && hangs) await new Promise(() => undefined);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { status: 201, headers: { Location: `/orders/${body.item}` }, body: { id: `ord-${body.item}-${run}`, item: body.item, qty: body.qty, run } };
    },
  };
  return createRequestHandler(handlers, {
    auth: { apiKey: (key) => (key.startsWith("tenant-") ? key : null) },
    ...routerOptions,
  });
}

export const idempotencyApp: FixtureApp = {
  operations,
  handler: (options) => idempotencyHandler(memoryEffects(), options),
  calls: [
    {
      operation: "createOrder",
      method: "POST",
      path: "/orders",
      headers: { "x-api-key": "tenant-a", "idempotency-key": "e2e-1" },
      body: { item: "book", qty: 1 },
      status: 201,
      response: { id: "ord-book-1", item: "book", qty: 1, run: 1 },
    },
  ],
};
