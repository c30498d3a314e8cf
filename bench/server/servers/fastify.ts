/** Generated Fastify plugins (the users fixture, the catalog, Stripe whole and cut) and what users write by hand in Fastify. */
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { catalogHandlers } from "../../../test/server/apps/catalog.js";
import { benchCatalog } from "../catalog-store.js";
import { OUTPUTS } from "../paths.js";
import { anyCredential, anyOperation } from "../stripe-handlers.js";
import { CREATE_USER, USER_ID, created, generated, requestIdOf, stored, usersHandlers, usersOptions } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "fastify-generated": () => fastifyGenerated("fastify-users"),
  "fastify-generated-idempotent": () => fastifyGenerated("fastify-users-idempotent"),
  "fastify-schema": fastifyWithSchema,
  "fastify-catalog": () => fastifyGenerated("fastify-catalog", catalogHandlers(benchCatalog()), {}),
  "stripe-468-fastify": () => fastifyGenerated("stripe-468-fastify", anyOperation, { auth: anyCredential }),
  "stripe-requested-fastify": () => fastifyGenerated("stripe-requested-fastify", anyOperation, { auth: anyCredential }),
  "stripe-1-fastify": () => fastifyGenerated("stripe-1-fastify", anyOperation, { auth: anyCredential }),
  "stripe-fastify-handwritten": () => fastifyByHand(`${OUTPUTS}stripe-requested.json`),
  "stripe-fastify-handwritten-1": () => fastifyByHand(`${OUTPUTS}stripe-1.json`),
};

/** A generated Fastify plugin (from `folder`) on its own app, by default with the users fixture's handlers. */
async function fastifyGenerated(folder: string, handlers: object = usersHandlers(), options: object = usersOptions): Promise<number> {
  const server = await generated(folder);
  const app = Fastify();
  await app.register(server["createPlugin"]?.(handlers, options) as never);
  await app.listen({ port: 0, host: "127.0.0.1" });
  return (app.server.address() as AddressInfo).port;
}

interface CutContract {
  paths: Record<string, { get: { parameters?: Array<{ name: string; in: string; required?: boolean; schema: object }> } }>;
}

/**
 * One Fastify route per GET of a cut Stripe contract, as a hand-written Fastify server has them:
 * the operation's path and query parameter schemas for Fastify to validate (its ajv, strict mode
 * off for Stripe's `x-` keywords), the request id and a bearer check in `onRequest`, an empty 200.
 */
async function fastifyByHand(contractFile: string): Promise<number> {
  const contract = JSON.parse(readFileSync(contractFile, "utf8")) as CutContract;
  const app = Fastify({ genReqId: (req) => requestIdOf(req.headers["x-request-id"]), ajv: { customOptions: { strict: false, logger: false } } });
  const schemaOf = (parameters: NonNullable<CutContract["paths"][string]["get"]["parameters"]>) =>
    parameters.length === 0
      ? undefined
      : {
          type: "object",
          properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
          required: parameters.filter((parameter) => parameter.required === true).map((parameter) => parameter.name),
        };
  for (const [path, item] of Object.entries(contract.paths)) {
    const parameters = item.get.parameters ?? [];
    const params = schemaOf(parameters.filter((parameter) => parameter.in === "path"));
    const querystring = schemaOf(parameters.filter((parameter) => parameter.in === "query"));
    app.get(path.replace(/\{([^}]+)\}/g, ":$1"), {
      schema: { ...(params === undefined ? {} : { params }), ...(querystring === undefined ? {} : { querystring }) },
      onRequest: async (request, reply) => {
        reply.header("x-request-id", request.id);
        if (request.headers.authorization?.startsWith("Bearer ") !== true) {
          reply.header("www-authenticate", 'Bearer realm="api"');
          return reply.code(401).send({ error: { message: "UNAUTHORIZED" } });
        }
        return undefined;
      },
      handler: async (_request, reply) => reply.code(200).send({}),
    });
  }
  await app.listen({ port: 0, host: "127.0.0.1" });
  return (app.server.address() as AddressInfo).port;
}

/** The request id on every reply, and bearer auth before the route runs (Fastify's `onRequest`). */
async function authorized(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  reply.header("x-request-id", request.id);
  if (request.headers.authorization !== "Bearer bench") {
    reply.header("www-authenticate", 'Bearer realm="api"');
    return reply.code(401).send({ success: false, error: { code: "UNAUTHORIZED", message: "UNAUTHORIZED" }, meta: { request_id: request.id } });
  }
  return undefined;
}

/** A Fastify route with Fastify's own JSON-schema validation of the body, and the same auth, id and envelope. */
async function fastifyWithSchema(): Promise<number> {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    genReqId: (req) => requestIdOf(req.headers["x-request-id"]),
  });
  app.post("/v1/users", {
    schema: { body: CREATE_USER },
    onRequest: authorized,
    handler: async (request, reply) => reply.code(201).header("location", "/v1/users/1").send(created(request.id, request.body as { name: string; email: string })),
  });
  app.get("/v1/users/:userId", {
    schema: { params: USER_ID },
    onRequest: authorized,
    handler: async (request, reply) =>
      reply.code(200).send({ success: true, data: { ...stored, id: (request.params as { userId: number }).userId }, meta: { request_id: request.id } }),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return (app.server.address() as AddressInfo).port;
}
