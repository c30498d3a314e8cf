import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import type { ApiModel } from "../../src/ir/model.js";
import { valueAtPointer } from "../../src/pointer.js";
import type { PrismProxy } from "../server/prism.js";
import { exampleOf, resolve, synthesize } from "./synthesize.js";

type Json = Record<string, unknown>;

/**
 * A stand-in for `prism mock` where Prism cannot load a spec: the generated server for it
 * (generated into `dir/api`) checks every request against the spec, and each operation answers
 * its first declared success response, from the spec's example or, lacking one, its schema.
 */
export async function startExampleServer(dir: string, model: ApiModel, document: Json): Promise<PrismProxy> {
  const { createRouter } = (await import(pathToFileURL(join(dir, "api", "server", "index.ts")).href)) as {
    createRouter: (handlers: object, options: object) => express.Router;
  };
  const handlers = Object.fromEntries(model.operations.map((operation) => [operation.id, () => answer(operation.pointer, document)]));
  const verifiers = Object.fromEntries(model.securitySchemes.map((scheme) => [scheme.name, () => ({ id: "caller" })]));
  const app = express();
  app.use(createRouter(handlers, { auth: verifiers }));
  const server = await new Promise<import("node:http").Server>((ready) => {
    const listening = app.listen(0, "127.0.0.1", () => ready(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

function answer(pointer: string, document: Json): { status: number; body?: unknown } {
  const operation = resolve(valueAtPointer(document, pointer), document) ?? {};
  const responses = resolve(operation.responses, document) ?? {};
  const status = Object.keys(responses).find((code) => /^2\d\d$/.test(code)) ?? "200";
  const response = resolve(responses[status], document) ?? {};
  const content = resolve(response.content, document) ?? {};
  const media = resolve(content["application/json"] ?? Object.values(content)[0], document);
  if (media === undefined) return { status: Number(status) };
  const example = exampleOf(media, document);
  return { status: Number(status), body: example !== undefined ? example.value : synthesize(media.schema, document) };
}
