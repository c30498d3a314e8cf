import { serve as serveHono } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import http, { type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expressRouter } from "../../templates/runtime/server/express.js";
import { fastifyPlugin } from "../../templates/runtime/server/fastify.js";
import type { RequestHandler } from "../../templates/runtime/server/handle.js";
import { honoApp } from "../../templates/runtime/server/hono.js";
import { nodeRequestListener } from "../../templates/runtime/server/node-http.js";

export interface Served {
  url: string;
  close(): Promise<void>;
}

export type Adapter = "express" | "fastify" | "hono" | "node";

/**
 * The framework every server test runs on: `SERVER_ADAPTER` (set per vitest project, so the whole
 * server suite runs once per adapter), Express by default.
 */
export const ADAPTER: Adapter = adapterFrom(process.env["SERVER_ADAPTER"]);

function adapterFrom(name: string | undefined): Adapter {
  if (name === undefined || name === "") return "express";
  if (name === "express" || name === "fastify" || name === "hono" || name === "node") return name;
  throw new Error(`SERVER_ADAPTER=${name}: expected express, fastify, hono or node`);
}

/** Serves a request pipeline on a free port (port 0) through `adapter`. */
export async function serve(handle: RequestHandler, adapter: Adapter = ADAPTER): Promise<Served> {
  if (adapter === "fastify") return servedFastify(handle);
  return listening(
    adapter === "express"
      ? express().use(expressRouter(handle)).listen(0)
      : adapter === "node"
        ? http.createServer(nodeRequestListener(handle)).listen(0)
        : (serveHono({ fetch: honoApp(handle).fetch, port: 0 }) as Server),
  );
}

/**
 * Serves a request pipeline mounted under `mount` the way each framework nests one: Express's
 * `app.use(mount, …)` (the Node listener too, as Express middleware), Fastify's `prefix`, Hono's
 * `app.route(mount, …)`.
 */
export async function serveMounted(handle: RequestHandler, mount: string, adapter: Adapter = ADAPTER): Promise<Served> {
  if (adapter === "fastify") return servedFastify(handle, mount);
  if (adapter === "hono") return listening(serveHono({ fetch: new Hono().route(mount, honoApp(handle)).fetch, port: 0 }) as Server);
  return listening(express().use(mount, adapter === "express" ? expressRouter(handle) : nodeRequestListener(handle)).listen(0));
}

/** The pipeline as a Fastify plugin, registered under `prefix` when one is given. */
async function servedFastify(handle: RequestHandler, prefix?: string): Promise<Served> {
  const app = Fastify();
  await app.register(fastifyPlugin(handle), prefix === undefined ? {} : { prefix });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function listening(server: Server): Promise<Served> {
  if (!server.listening) await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** One call in an end-to-end run, and what must come back. */
export interface Call {
  operation: string;
  method: string;
  /** Sent as written: no URL normalisation (so `/../x` stays `/../x`). */
  path: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
  status: number;
  /** The parsed JSON body expected (toEqual). */
  response?: unknown;
  /** The text body expected, for non-JSON responses. */
  text?: string;
}

/** What every fixture app's router takes, besides its own settings. */
export interface AppOptions {
  onError?: (error: unknown, context: { requestId: string; operationId: string | undefined; method: string; path: string }) => void;
}

export interface FixtureApp {
  operations: object;
  handler: (options?: AppOptions) => RequestHandler;
  calls: Call[];
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/** Sends one request with node:http, exactly as given. */
export function send(url: string, call: Pick<Call, "method" | "path" | "headers" | "body">): Promise<Reply> {
  const headers: Record<string, string> = { ...call.headers };
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const request = http.request({ hostname, port, path: call.path, method: call.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) as unknown });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
