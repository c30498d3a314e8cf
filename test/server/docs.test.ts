import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { createRouter as goldenRouter } from "../golden/users/server/index.js";
import { ROOT, localTempDir, runCli } from "../helpers.js";
import { usersHandlers } from "./apps/users.js";
import { ADAPTER, send, serve } from "./serve.js";
import type { RequestHandler } from "../../templates/runtime/server/handle.js";

type Handler = (handlers: object, options: object) => RequestHandler;

describe(`the generated server's docs option (--docs), on ${ADAPTER}`, () => {
  let createRequestHandler: Handler;
  beforeAll(async () => {
    const dir = localTempDir("codegen-docs-");
    const generated = runCli(["fixtures/users.yaml", "-o", join(dir, "api"), "--docs", "--quiet"]);
    expect(generated.status, generated.stderr).toBe(0);
    ({ createRequestHandler } = (await import(pathToFileURL(join(dir, "api", "server", "index.ts")).href)) as { createRequestHandler: Handler });
  });

  const options = (docs: boolean) => ({ auth: { bearerAuth: () => ({ id: "u" }) }, docs });

  it("with docs: true serves the bundled contract and a docs page whose assets are all local", async () => {
    const server = await serve(createRequestHandler(usersHandlers, options(true)));
    try {
      const contract = await send(server.url, { method: "GET", path: "/openapi.json" });
      expect(contract.json()).toEqual((await loadModel({ spec: join(ROOT, "fixtures/users.yaml"), allowRemote: false })).model.typesSource);
      const page = await send(server.url, { method: "GET", path: "/docs/" });
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? "");
      for (const asset of assets) expect((await send(server.url, { method: "GET", path: `/docs/${asset}` })).status, asset).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("is off by default: the routes are the contract's alone", async () => {
    const server = await serve(createRequestHandler(usersHandlers, options(false)));
    try {
      expect((await send(server.url, { method: "GET", path: "/openapi.json" })).status).toBe(404);
      expect((await send(server.url, { method: "GET", path: "/docs/" })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("docs: true on an output generated without --docs is refused when the server is made", () => {
    expect(() => goldenRouter(usersHandlers, { auth: { bearerAuth: () => null }, docs: true })).toThrow("docs: true needs an output generated with --docs");
  });

  it("--docs with --server hono is refused at generation, with exit 2", () => {
    const refused = runCli(["fixtures/users.yaml", "-o", join(localTempDir(), "api"), "--server", "hono", "--docs"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--docs serves Swagger UI's files from node_modules");
  });
});
