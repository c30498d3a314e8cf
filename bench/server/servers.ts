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
 */
import { serve as serveOnNode } from "@hono/node-server";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Handlers } from "../../test/golden/users/server/index.js";
import type { User } from "../../test/golden/users/index.js";
import { catalogHandlers, type Store } from "../../test/server/apps/catalog.js";
import { anyCredential, anyOperation } from "./stripe-handlers.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where `run.ts` generates the outputs the servers load. */
export const OUTPUTS = `${ROOT}.tmp/bench-server/`;

const stored: User = { id: 1, name: "", email: "", role: "member", created_at: "2024-01-15T10:30:00Z" };
const CREATE_USER = {
  type: "object",
  additionalProperties: false,
  required: ["name", "email"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100 },
    email: { type: "string", format: "email" },
    role: { type: "string", enum: ["admin", "member", "viewer"] },
  },
} as const;
const WELL_FORMED_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** The client's request id when it is well formed, else a new one: what every server here sends back. */
function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === "string" && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
}

function usersHandlers(): Handlers<{ token: string }> {
  const notUsed = () => ({ status: 400 as const, body: { success: false as const, error: { code: "X", message: "x" }, meta: { request_id: "" } } });
  return {
    listUsers: notUsed,
    createUser: ({ body, requestId }) => ({
      status: 201,
      headers: { Location: "/v1/users/1" },
      body: { success: true, data: { ...stored, name: body.name, email: body.email }, meta: { request_id: requestId } },
    }),
    getUser: ({ path, requestId }) => ({ status: 200, body: { success: true, data: { ...stored, id: path.userId }, meta: { request_id: requestId } } }),
    replaceUser: notUsed,
    deleteUser: () => ({ status: 204 }),
    updateUser: notUsed,
    listUserOrders: () => notUsed() as never,
  };
}

const usersOptions = { auth: { bearerAuth: (token: string) => (token === "bench" ? { token } : null) } };

type Entry = (handlers: object, options: object) => unknown;

async function generated(folder: string): Promise<Record<string, Entry>> {
  return (await import(`${OUTPUTS}${folder}/server/index.js`)) as Record<string, Entry>;
}

/** A generated Fastify plugin (from `folder`) on its own app, by default with the users fixture's handlers. */
async function fastifyGenerated(folder: string, handlers: object = usersHandlers(), options: object = usersOptions): Promise<number> {
  const server = await generated(folder);
  const app = Fastify();
  await app.register(server["createPlugin"]?.(handlers, options) as never);
  await app.listen({ port: 0, host: "127.0.0.1" });
  return (app.server.address() as AddressInfo).port;
}

/** A generated Node http listener (from `folder`). */
async function nodeGenerated(folder: string): Promise<number> {
  const server = await generated(folder);
  return listen(createServer(server["createRequestListener"]?.(usersHandlers(), usersOptions) as never).listen(0, "127.0.0.1"));
}

/**
 * The catalog fixture (`x-cache`, `x-fields`) on Fastify, with 100 products of 20 fields each:
 * `GET /v1/products/p-7` (the handler gives the ETag) and `GET /v1/products` (the list's weak
 * ETag hashed from the bytes), each answered whole or as a 304, and the list with `fields=id,name`.
 */
export function benchCatalog(): Store {
  const store: Store = new Map();
  for (let index = 0; index < 100; index++) {
    const id = `p-${index}`;
    store.set(id, {
      id,
      name: `Product ${index}`,
      price: 100 + index,
      version: 1,
      description: `Product ${index}, a product with a description of a typical length for a catalog entry.`,
      category: ["lighting", "furniture", "kitchen", "garden"][index % 4] as string,
      brand: `Brand ${index % 7}`,
      sku: `SKU-${String(index).padStart(6, "0")}`,
      ean: String(4006381333931 + index),
      color: ["black", "white", "oak", "steel"][index % 4] as string,
      material: ["metal", "wood", "glass"][index % 3] as string,
      currency: "EUR",
      weightGrams: 250 + index * 10,
      stock: index * 3,
      rating: (index % 50) / 10,
      createdAt: "2026-01-15T09:30:00Z",
      updatedAt: "2026-11-30T17:45:00Z",
      tags: ["new", `tag-${index % 5}`],
      dimensions: { width: 20 + index, height: 40, depth: 15 },
      maker: `maker-${index % 9}`,
    });
  }
  return store;
}

/** Starts one server on a free port of 127.0.0.1 and resolves to the port. */
export async function start(kind: string): Promise<number> {
  switch (kind) {
    case "express-generated": {
      const server = await generated("express-users");
      return listen(express().use(server["createRouter"]?.(usersHandlers(), usersOptions) as express.Router).listen(0, "127.0.0.1"));
    }
    case "fastify-generated":
      return fastifyGenerated("fastify-users");
    case "hono-generated": {
      const server = await generated("hono-users");
      const app = server["createApp"]?.(usersHandlers(), usersOptions) as { fetch: (request: Request) => Promise<Response> };
      return listen(serveOnNode({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server);
    }
    case "fastify-generated-idempotent":
      return fastifyGenerated("fastify-users-idempotent");
    case "node-generated":
      return nodeGenerated("node-users");
    case "node-generated-idempotent":
      return nodeGenerated("node-users-idempotent");
    case "express-ajv":
      return listen(expressWithAjv().listen(0, "127.0.0.1"));
    case "node-ajv":
      return listen(nodeWithAjv().listen(0, "127.0.0.1"));
    case "node-bare":
      return listen(nodeBare().listen(0, "127.0.0.1"));
    case "express-openapi-validator":
      return listen(expressWithOpenApiValidator().listen(0, "127.0.0.1"));
    case "fastify-schema":
      return fastifyWithSchema();
    case "fastify-catalog": {
      const server = await generated("fastify-catalog");
      const app = Fastify();
      await app.register(server["createPlugin"]?.(catalogHandlers(benchCatalog()), {}) as never);
      await app.listen({ port: 0, host: "127.0.0.1" });
      return (app.server.address() as AddressInfo).port;
    }
    case "stripe-468":
    case "stripe-requested":
    case "stripe-1": {
      const server = await generated(kind);
      return listen(express().use(server["createRouter"]?.(anyOperation, { auth: anyCredential }) as express.Router).listen(0, "127.0.0.1"));
    }
    case "stripe-handwritten":
      return listen(expressByHand(`${OUTPUTS}stripe-requested.json`).listen(0, "127.0.0.1"));
    case "stripe-handwritten-1":
      return listen(expressByHand(`${OUTPUTS}stripe-1.json`).listen(0, "127.0.0.1"));
    case "stripe-468-fastify":
    case "stripe-requested-fastify":
    case "stripe-1-fastify":
      return fastifyGenerated(kind, anyOperation, { auth: anyCredential });
    case "stripe-fastify-handwritten":
      return fastifyByHand(`${OUTPUTS}stripe-requested.json`);
    case "stripe-fastify-handwritten-1":
      return fastifyByHand(`${OUTPUTS}stripe-1.json`);
    default:
      throw new Error(`unknown server ${kind}`);
  }
}

async function listen(server: Server): Promise<number> {
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  return (server.address() as AddressInfo).port;
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

/** One Express route per GET of a cut Stripe contract (written by `run.ts`), as a hand-written server has them. */
function expressByHand(contractFile: string): express.Express {
  const contract = JSON.parse(readFileSync(contractFile, "utf8")) as { paths: Record<string, unknown> };
  const app = express();
  for (const path of Object.keys(contract.paths)) {
    app.get(path.replace(/\{([^}]+)\}/g, ":$1"), (req, res) => {
      const requestId = requestIdOf(req.get("x-request-id"));
      res.set("x-request-id", requestId);
      if (!req.get("authorization")?.startsWith("Bearer ")) {
        res.set("www-authenticate", 'Bearer realm="api"').status(401).json({ error: { message: "UNAUTHORIZED" } });
        return;
      }
      res.status(200).json({});
    });
  }
  return app;
}

function created(requestId: string, body: { name: string; email: string }) {
  return { success: true, data: { ...stored, name: body.name, email: body.email }, meta: { request_id: requestId } };
}

function expressWithAjv(): express.Express {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
  addFormats.default(ajv);
  const validate = ajv.compile(CREATE_USER);
  const app = express();
  const validateId = ajv.compile(USER_ID);
  app.get("/v1/users/:userId", (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId);
    if (req.get("authorization") !== "Bearer bench") {
      res.set("www-authenticate", 'Bearer realm="api"').status(401).json({ success: false, error: { code: "UNAUTHORIZED", message: "UNAUTHORIZED" }, meta: { request_id: requestId } });
      return;
    }
    const params = { userId: req.params.userId };
    if (!validateId(params)) {
      res.status(400).json({ success: false, error: { code: "VALIDATION_ERROR", message: "VALIDATION_ERROR", details: validateId.errors }, meta: { request_id: requestId } });
      return;
    }
    res.status(200).json({ success: true, data: { ...stored, id: params.userId }, meta: { request_id: requestId } });
  });
  app.post("/v1/users", express.json({ limit: "1mb" }), (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId);
    const error = (status: number, code: string, details: unknown[] = []) =>
      res.status(status).json({ success: false, error: { code, message: code, details }, meta: { request_id: requestId } });
    if (req.get("authorization") !== "Bearer bench") {
      res.set("www-authenticate", 'Bearer realm="api"');
      error(401, "UNAUTHORIZED");
      return;
    }
    if (!validate(req.body)) {
      error(400, "VALIDATION_ERROR", validate.errors ?? []);
      return;
    }
    res.status(201).set("location", "/v1/users/1").json(created(requestId, req.body as { name: string; email: string }));
  });
  return app;
}

/** What users write on Node's own http server: the same work as `expressWithAjv`, routed by hand. */
/**
 * The floor: Node http answering the POST with the same 201 envelope, body parsed but nothing
 * validated, no request id kept, nothing checked but the bearer token. What a first request costs
 * a cold Node process before any framework or validation.
 */
function nodeBare(): Server {
  return createServer((req, res) => {
    if (req.method !== "POST" || req.headers.authorization !== "Bearer bench") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      const text = JSON.stringify({ success: true, data: { ...stored, ...body, id: 8 }, meta: { request_id: randomUUID() } });
      res.writeHead(201, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
}

function nodeWithAjv(): Server {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
  addFormats.default(ajv);
  const validateBody = ajv.compile(CREATE_USER);
  const validateId = ajv.compile(USER_ID);
  return createServer((req, res) => {
    const requestId = requestIdOf(req.headers["x-request-id"]);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "x-request-id": requestId, ...headers });
      res.end(text);
    };
    const error = (status: number, code: string, details: unknown[] = [], headers: Record<string, string> = {}) =>
      send(status, { success: false, error: { code, message: code, details }, meta: { request_id: requestId } }, headers);
    const url = new URL(req.url ?? "/", "http://localhost");
    const user = /^\/v1\/users\/([^/]+)$/.exec(url.pathname);
    const route = req.method === "POST" && url.pathname === "/v1/users" ? "create" : req.method === "GET" && user ? "get" : undefined;
    if (route === undefined) return error(404, "NOT_FOUND");
    if (req.headers.authorization !== "Bearer bench") return error(401, "UNAUTHORIZED", [], { "www-authenticate": 'Bearer realm="api"' });
    if (route === "get") {
      const params = { userId: decodeURIComponent(user?.[1] ?? "") };
      if (!validateId(params)) return error(400, "VALIDATION_ERROR", validateId.errors ?? []);
      return send(200, { success: true, data: { ...stored, id: params.userId }, meta: { request_id: requestId } });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > 1024 * 1024) return error(413, "PAYLOAD_TOO_LARGE");
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return error(400, "MALFORMED_JSON");
      }
      if (!validateBody(body)) return error(400, "VALIDATION_ERROR", validateBody.errors ?? []);
      return send(201, created(requestId, body as { name: string; email: string }), { location: "/v1/users/1" });
    });
  });
}

const USER_ID = { type: "object", required: ["userId"], properties: { userId: { type: "integer", minimum: 1 } } } as const;

/** express-openapi-validator checks the request (security included) against the users contract; the handler does the rest. */
function expressWithOpenApiValidator(): express.Express {
  const app = express();
  app.use(express.json({ limit: "1mb" }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: `${ROOT}fixtures/users.yaml`,
      validateRequests: true,
      validateResponses: false,
      validateSecurity: { handlers: { bearerAuth: (req) => req.headers.authorization === "Bearer bench" } },
    }),
  );
  app.get("/v1/users/:userId", (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId).status(200).json({ success: true, data: { ...stored, id: Number(req.params.userId) }, meta: { request_id: requestId } });
  });
  app.post("/v1/users", (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId).status(201).set("location", "/v1/users/1").json(created(requestId, req.body as { name: string; email: string }));
  });
  app.use((error: { status?: number; message: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error.status ?? 500).json({ success: false, error: { code: "ERROR", message: error.message } });
  });
  return app;
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
