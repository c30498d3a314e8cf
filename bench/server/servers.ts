/**
 * The servers `bench:server` compares, each started alone in its own process by `serve.ts`.
 *
 * `POST /v1/users` of the users fixture, the same work everywhere: a request id, bearer auth, a
 * JSON body (1 MiB limit) validated against `CreateUser`, and a 201 envelope. The generated
 * server on each framework (outputs made by `run.ts` in `.tmp/bench-server/`), and what users
 * write by hand today: Express with ajv, Express with express-openapi-validator on the same
 * contract, and a Fastify route with its JSON-schema validation.
 *
 * `stripe-468`, `stripe-requested` and `stripe-1`: the generated Express server for Stripe's contract,
 * whole, cut to the operations the round-robin requests, and cut down to one operation, answering
 * every operation with an empty 200. `stripe-handwritten` and `stripe-handwritten-1`: the same
 * operations written by hand in Express, one `app.get` each (request id, bearer check, empty 200,
 * nothing validated), to show what spreading requests over many routes costs a hand-written server.
 * `stripe-468-fastify`, `stripe-requested-fastify` and `stripe-1-fastify`: the generated Fastify
 * plugin of the whole contract and of the two cut ones; `stripe-fastify-handwritten` and `stripe-fastify-handwritten-1`: the same operations
 * written by hand in Fastify, one route each with the operation's parameter schemas for Fastify to
 * validate (request id, bearer check, empty 200), so the spread is compared like with like.
 *
 * Each server's process loads its own packages and no other's (`servers/<module>.ts`, imported
 * when that server starts), as a user's server does: a first request or a startup measured on
 * bare Node http carries no framework's code.
 */

type Servers = Record<string, () => Promise<number>>;

const express = () => import("./servers/express.js");
const fastify = () => import("./servers/fastify.js");

/** The module that starts each server. */
const MODULES: Record<string, () => Promise<{ servers: Servers }>> = {
  "express-generated": express,
  "stripe-468": express,
  "stripe-requested": express,
  "stripe-1": express,
  "stripe-handwritten": express,
  "stripe-handwritten-1": express,
  "express-ajv": () => import("./servers/express-ajv.js"),
  "express-openapi-validator": () => import("./servers/express-openapi-validator.js"),
  "fastify-generated": fastify,
  "fastify-generated-idempotent": fastify,
  "fastify-schema": fastify,
  "fastify-catalog": fastify,
  "stripe-468-fastify": fastify,
  "stripe-requested-fastify": fastify,
  "stripe-1-fastify": fastify,
  "stripe-fastify-handwritten": fastify,
  "stripe-fastify-handwritten-1": fastify,
  "hono-generated": () => import("./servers/hono.js"),
  "node-generated": () => import("./servers/node.js"),
  "node-generated-idempotent": () => import("./servers/node.js"),
  "node-bare": () => import("./servers/node.js"),
  "node-ajv": () => import("./servers/node-ajv.js"),
};

/** Starts one server on a free port of 127.0.0.1 and resolves to the port. */
export async function start(kind: string): Promise<number> {
  const load = MODULES[kind];
  const server = load === undefined ? undefined : (await load()).servers[kind];
  if (server === undefined) throw new Error(`unknown server ${kind}`);
  return server();
}
