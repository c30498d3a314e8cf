import { createRouter, type Handlers, type RouterOptions } from "../../golden/validation/server/index.js";
import { operations } from "../../golden/validation/operations.js";
import type { FixtureApp } from "../serve.js";

/** Each handler echoes what it received, so tests see coercion and validation from the outside. */
export const validationHandlers: Handlers = {
  searchWidgets: ({ query, headers, cookies }) => ({
    status: 200,
    body: { query, headers, cookies, queryProto: Object.getPrototypeOf(query) === Object.prototype },
  }),
  putWidget: ({ path, body }) => {
    // openapi-typescript types writeOnly `secret` as present in responses too; it is never sent back.
    const { secret: _secret, ...stored } = body;
    return { status: 200, body: { ...stored, id: path.widgetId } as typeof body };
  },
  createShape: ({ body }) => ({ status: 201, body }),
  createNote: () => ({ status: 204 }),
  checkCode: ({ path }) => ({ status: 200, body: { code: path.code } }),
  createPayment: ({ body }) => ({ status: 201, body }),
};

export function validationRouter(options: RouterOptions = {}) {
  return createRouter(validationHandlers, { validateResponses: true, ...options });
}

const widget = { name: "Gear", weight: 10, sku: "ABC-1234", email: "a@example.com", nickname: null, parts: ["x"], secret: "s" };
const widgetId = "0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10";

export const validationApp: FixtureApp = {
  operations,
  router: (options) => validationRouter(options),
  calls: [
    {
      operation: "searchWidgets",
      method: "GET",
      path: "/api/widgets?ratio=0.5&active=true&color=red&ids=1,2,3&tags=a&tags=b&sizes=s%7Cl&filter[owner]=ada&filter[minWeight]=5",
      headers: { "x-trace-level": "2", cookie: "session=deadbeef; other=1" },
      status: 200,
      response: {
        query: { limit: 10, ratio: 0.5, active: true, color: "red", ids: [1, 2, 3], tags: ["a", "b"], sizes: ["s", "l"], filter: { owner: "ada", minWeight: 5 } },
        headers: { "X-Trace-Level": 2 },
        cookies: { session: "deadbeef" },
        queryProto: true,
      },
    },
    {
      operation: "putWidget",
      method: "PUT",
      path: `/api/widgets/${widgetId}`,
      body: widget,
      status: 200,
      // The handler echoes the body: the contract's defaults were applied to it.
      response: { ...Object.fromEntries(Object.entries(widget).filter(([key]) => key !== "secret")), color: "grey", labels: [], id: widgetId },
    },
    { operation: "createShape", method: "POST", path: "/api/shapes", body: { kind: "round", size: 2 }, status: 201, response: { kind: "round", size: 2 } },
    { operation: "createNote", method: "POST", path: "/api/notes", headers: { "content-type": "text/plain" }, body: "remember", status: 204 },
    { operation: "checkCode", method: "GET", path: "/api/codes/aaaa", status: 200, response: { code: "aaaa" } },
    {
      operation: "createPayment",
      method: "POST",
      path: "/api/payments",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "amount=500&currency=eur&expand=customer&metadata[order]=7&items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2",
      status: 201,
      // Nested as the names spell, coerced to the schema's types, the default applied.
      response: { amount: 500, currency: "eur", capture: true, expand: ["customer"], metadata: { order: "7" }, items: [{ price: "p_1", quantity: 2 }, { price: "p_2" }] },
    },
  ],
};
