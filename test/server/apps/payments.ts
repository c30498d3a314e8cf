import { createRequestHandler, type Handlers } from "../../golden/payments/server/index.js";
import { operations } from "../../golden/payments/operations.js";
import type { Charge } from "../../golden/payments/index.js";
import type { FixtureApp } from "../serve.js";

const charge: Charge = { id: "ch_00000001", amount_cents: 500, currency: "eur", status: "succeeded", created: 1700000000 };

export const paymentsHandlers: Handlers<{ account: string }> = {
  listCharges: ({ query }) => ({
    status: 200,
    body: { items: (query.status ?? []).map((status, index) => ({ ...charge, id: `ch_0000000${index}`, status })), total: (query.offset ?? 0) + (query.limit ?? 0) },
  }),
  createCharge: ({ body, headers, principal }) => ({
    status: 201,
    body: { ...charge, amount_cents: body.amount_cents, currency: body.currency, description: `${principal.account}:${headers["Idempotency-Key"]}` },
  }),
  getCharge: ({ path }) => ({ status: 200, body: { ...charge, id: path.chargeId } }),
  refundCharge: ({ path, body }) => ({
    status: 201,
    body: { id: "re_1", charge_id: path.chargeId, amount_cents: body?.amount_cents ?? charge.amount_cents },
  }),
  listRefunds: ({ page }) => {
    // Stripe-style: the position is the last refund the caller saw, as it is (not a signed cursor).
    const start = page.after === undefined ? 0 : REFUNDS.findIndex((refund) => refund.id === page.after?.[0]) + 1;
    const data = REFUNDS.slice(start, start + page.limit);
    return { status: 200, body: { object: "list", data, has_more: start + data.length < REFUNDS.length } };
  },
  getHealth: () => ({ status: 200, body: "ok" }),
};

/** Seven refunds, in list order. */
export const REFUNDS = Array.from({ length: 7 }, (_, index) => ({ id: `re_${index + 1}`, charge_id: charge.id, amount_cents: 100 * (index + 1) }));

const key = { "x-api-key": "key-live-1" };

export const paymentsApp: FixtureApp = {
  operations,
  handler: (options) =>
    createRequestHandler(paymentsHandlers, {
      auth: { apiKey: (value) => (value === "key-live-1" ? { account: "acct_1" } : null) },
      validateResponses: true,
      ...options,
    }),
  calls: [
    {
      operation: "listCharges",
      method: "GET",
      path: "/charges?offset=10&limit=5&status=failed&status=refunded",
      headers: key,
      status: 200,
      response: {
        items: [
          { ...charge, id: "ch_00000000", status: "failed" },
          { ...charge, id: "ch_00000001", status: "refunded" },
        ],
        total: 15,
      },
    },
    {
      operation: "createCharge",
      method: "POST",
      path: "/charges",
      headers: { ...key, "idempotency-key": "k-123" },
      body: { amount_cents: 999, currency: "usd", source: "tok_visa" },
      status: 201,
      response: { ...charge, amount_cents: 999, currency: "usd", description: "acct_1:k-123" },
    },
    {
      operation: "getCharge",
      method: "GET",
      path: "/charges/ch_abcdefgh12",
      headers: key,
      status: 200,
      response: { ...charge, id: "ch_abcdefgh12" },
    },
    {
      operation: "refundCharge",
      method: "POST",
      path: "/charges/ch_abcdefgh12/refunds",
      headers: { ...key, "idempotency-key": "k-9" },
      body: { amount_cents: 100, reason: "duplicate" },
      status: 201,
      response: { id: "re_1", charge_id: "ch_abcdefgh12", amount_cents: 100 },
    },
    {
      operation: "listRefunds",
      method: "GET",
      path: "/refunds?starting_after=re_5&limit=5",
      headers: key,
      status: 200,
      response: { object: "list", data: REFUNDS.slice(5), has_more: false },
    },
    { operation: "getHealth", method: "GET", path: "/health", status: 200, text: "ok" },
  ],
};
