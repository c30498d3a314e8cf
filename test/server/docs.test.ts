import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { createRouter as goldenRouter } from "../golden/users/server/index.js";
import { ROOT, localTempDir, runCli } from "../helpers.js";
import { usersHandlers } from "./apps/users.js";
import { ADAPTER, send, serve, serveMounted } from "./serve.js";
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

  // Hono is refused --docs at generation (below), so only the Node frameworks mount a docs page.
  it.skipIf(ADAPTER === "hono")("mounted under a path, serves the docs below it, as the framework mounts the pipeline", async () => {
    // Express (and the Node listener in Express) strip the mount point; a Fastify prefix is passed on whole.
    // The mount as the framework is given it, and the path a client sends for it.
    for (const [pattern, mount] of [["/api", "/api"], ["/api/", "/api"], ["/tenants/t-1", "/tenants/t-1"], ["/:tenant", "/acme"]] as const) {
      const server = await serveMounted(createRequestHandler(usersHandlers, options(true)), pattern);
      try {
        const contract = await send(server.url, { method: "GET", path: `${mount}/openapi.json` });
        expect(contract.status, `${mount}: ${contract.text}`).toBe(200);
        expect(contract.headers["content-type"]).toBe("application/json; charset=utf-8");
        const moved = await send(server.url, { method: "GET", path: `${mount}/docs` });
        expect(moved.status).toBe(301);
        expect(new URL(String(moved.headers.location), `http://host${mount}/docs`).pathname).toBe(`${mount}/docs/`);
        const page = await send(server.url, { method: "GET", path: `${mount}/docs/` });
        expect(page.status, page.text).toBe(200);
        const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? "");
        expect(assets.length).toBeGreaterThan(0);
        for (const asset of assets) expect((await send(server.url, { method: "GET", path: `${mount}/docs/${asset}` })).status, asset).toBe(200);
        // Outside the mount nothing is served, and inside it a path that only starts alike is no docs path.
        expect((await send(server.url, { method: "GET", path: "/docs/" })).status).toBe(404);
        expect((await send(server.url, { method: "GET", path: `${mount}/docsx/` })).status).toBe(404);
      } finally {
        await server.close();
      }
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
