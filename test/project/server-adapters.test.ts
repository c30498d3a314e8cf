import { serve as serveOnNode } from "@hono/node-server";
import { build } from "esbuild";
import Fastify from "fastify";
import { existsSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, TSC, VALID_FIXTURES, localTempDir, runCli } from "../helpers.js";
import { EVENTS, feedHandlers } from "../server/apps/feed.js";
import { usersHandlers } from "../server/apps/users.js";
import { STRICTEST, generateInto, typeCheck, writePackage, writeTsconfig } from "./sample-project.js";

/**
 * Every fixture generated with `--server fastify`, `hono` and `node` into a sample project: the
 * output type-checks under the strictest flags; the Hono output needs no Node types and bundles
 * for a Web runtime with no `node:` module; and each framework's generated entry point serves the
 * generated client. (The whole server suite also runs once per adapter: see vitest.config.ts.)
 */
const ADAPTERS = ["fastify", "hono", "node"] as const;

/** Contracts a Web runtime cannot serve safely, refused at generation with the reason. */
const REFUSED_ON_HONO: Record<string, RegExp> = {
  hardening: /pattern "\^\(\?!x\)\(a\+\)\+\$".*look-around or back-references, which --server hono cannot bound in time\n\s+in fixtures\/hardening\.yaml:\d+ at #\/paths\/~1codes\/post/,
};

const generated = (adapter: string) => VALID_FIXTURES.filter(([name]) => adapter !== "hono" || REFUSED_ON_HONO[name] === undefined);

describe("the generated server on Fastify, Hono and Node http", () => {
  let project = "";
  beforeAll(() => {
    project = localTempDir("adapters-");
    writePackage(project, "module");
    for (const adapter of ADAPTERS) {
      for (const [name, spec] of generated(adapter)) generateInto(project, `${adapter}-${name}`, join(ROOT, spec), ["--server", adapter]);
    }
  }, 300_000);

  it("refuses, at generation, a contract a Web runtime cannot serve safely, and writes nothing", () => {
    for (const [name, message] of Object.entries(REFUSED_ON_HONO)) {
      const result = runCli([join("fixtures", `${name}.yaml`), "-o", join(project, "api", `hono-${name}`), "--server", "hono"], ROOT);
      expect(result.status).toBe(2);
      expect(existsSync(join(project, "api", `hono-${name}`))).toBe(false);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/fix: .*use --server express, fastify or node/);
    }
    const mutual = join(project, "mutual-tls.json");
    writeFileSync(
      mutual,
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "mTLS", version: "1" },
        components: { securitySchemes: { clientCert: { type: "mutualTLS" } } },
        paths: { "/x": { get: { operationId: "getX", security: [{ clientCert: [] }], responses: { "204": { description: "none" } } } } },
      }),
    );
    const refused = runCli([mutual, "-o", join(project, "api", "hono-mtls"), "--server", "hono"], ROOT);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/security scheme "clientCert" is mutualTLS, which --server hono cannot check\n.*at #\/components\/securitySchemes\/clientCert\n\s+fix: .*use --server express, fastify or node/);
    expect(existsSync(join(project, "api", "hono-mtls"))).toBe(false);
    expect(runCli([mutual, "-o", join(project, "mtls-node"), "--server", "node", "--quiet"], ROOT).status).toBe(0);
    const unknown = runCli(["fixtures/users.yaml", "-o", join(project, "api", "koa"), "--server", "koa"], ROOT);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown server "koa"\n\s+fix: choose one of express, fastify, hono, node/);
  });

  it("each framework's output type-checks with module nodenext and the strictest flags", () => {
    const options = { ...STRICTEST, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, types: ["node"] };
    const checked = typeCheck(writeTsconfig(project, "nodenext", options), TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it("the Hono output type-checks with no Node types at all (lib ES2022 and DOM only)", () => {
    const path = join(project, "tsconfig.web.json");
    const compilerOptions = { ...STRICTEST, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM", "DOM.Iterable"], types: [], skipLibCheck: true };
    writeFileSync(path, JSON.stringify({ compilerOptions, include: ["api/hono-*/**/*.ts"] }));
    const checked = typeCheck(path, TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it.each(generated("hono"))("%s: the Hono output bundles for a Web runtime (platform neutral) with no node: module, and serves from the bundle", async (name) => {
    const entry = `export { createFetchHandler } from "./api/hono-${name}/server/index.ts";`;
    const result = await build({
      stdin: { contents: entry, resolveDir: project, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith("node:"))).toEqual([]);
    expect(Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((imported) => imported.path))).toEqual([]);
    expect(inputs.some((input) => input.endsWith("runtime/server/web.ts"))).toBe(true);
    const file = join(project, `hono-${name}.bundle.mjs`);
    writeFileSync(file, result.outputFiles[0]?.text ?? "");
    const { createFetchHandler } = (await import(pathToFileURL(file).href)) as {
      createFetchHandler: (handlers: object, options: object) => (request: Request) => Promise<Response>;
    };
    // Every handler and verifier the contract names exists: a stand-in for each.
    const standIn = () => ({ status: 500 });
    const anyHandler = new Proxy({}, { get: () => standIn, has: () => true, getOwnPropertyDescriptor: () => ({ value: standIn, enumerable: true, configurable: true }) });
    const fetch = createFetchHandler(anyHandler, { auth: anyHandler });
    const response = await fetch(new Request("http://localhost/no/such/operation", { headers: { "x-request-id": "bundle-1" } }));
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBe("bundle-1");
    expect(await response.text()).toMatch(/NOT_FOUND|Not Found/);
  });

  describe.each(ADAPTERS)("the %s entry point, called through the generated client", (adapter) => {
    const servers: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const close of servers) await close();
    });

    /** Starts the generated server of a fixture on this framework; returns its URL. */
    async function start(name: string, handlers: object, options: object): Promise<string> {
      const server = (await import(join(project, "api", `${adapter}-${name}`, "server", "index.ts"))) as Record<string, (handlers: object, options: object) => never>;
      if (adapter === "fastify") {
        const app = Fastify();
        await app.register(server["createPlugin"]?.(handlers, options) as never);
        await app.listen({ port: 0, host: "127.0.0.1" });
        servers.push(() => app.close());
        return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      }
      const listening: Server =
        adapter === "node"
          ? createServer(server["createRequestListener"]?.(handlers, options)).listen(0, "127.0.0.1")
          : (serveOnNode({ fetch: (server["createApp"]?.(handlers, options) as unknown as { fetch: (request: Request) => Promise<Response> }).fetch, port: 0, hostname: "127.0.0.1" }) as Server);
      if (!listening.listening) await new Promise((resolve) => listening.once("listening", resolve));
      servers.push(() => new Promise((resolve) => listening.close(() => resolve())));
      return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    }

    it("users: typed data, typed errors, auth and page-numbered pagination", async () => {
      const url = await start("users", usersHandlers, { auth: { bearerAuth: (token: string) => (token === "good-token" ? { name: "grace" } : null) }, validateResponses: true });
      const clientModule = (await import(join(project, "api", `${adapter}-users`, "client", "index.ts"))) as typeof import("../golden/users/client/index.js");
      const client = clientModule.createGroupedClient({ baseUrl: `${url}/v1`, auth: { bearerAuth: "good-token" } });
      expect((await client.users.get({ path: { userId: 42 } })).data.id).toBe(42);
      const orders = [];
      for await (const order of client.users.listOrders({ path: { userId: 3 } })) orders.push(order);
      expect(orders).toEqual([{ id: "o-3", total_cents: 1250, currency: "EUR" }]);
      const invalid = await client.users.create({ body: { name: "", email: "nope" } }).catch((error: unknown) => error);
      expect(invalid).toBeInstanceOf(clientModule.BadRequestError);
      expect((invalid as InstanceType<typeof clientModule.BadRequestError>).details.map((detail) => detail.pointer).sort()).toEqual(["/email", "/name"]);
      const anonymous = clientModule.createGroupedClient({ baseUrl: `${url}/v1`, auth: { bearerAuth: () => "wrong" } });
      expect(await anonymous.users.get({ path: { userId: 1 } }).catch((error: unknown) => error)).toBeInstanceOf(clientModule.AuthenticationError);
    });

    it("feed: signed cursors walk every row exactly once", async () => {
      const url = await start("feed", feedHandlers, { validateResponses: true, pagination: { cursorSecret: "s" } });
      const clientModule = (await import(join(project, "api", `${adapter}-feed`, "client", "index.ts"))) as typeof import("../golden/feed/client/index.js");
      const client = clientModule.createGroupedClient({ baseUrl: `${url}/api` });
      const ids: string[] = [];
      for await (const event of client.events.list({ query: { limit: 90 } })) ids.push(event.id);
      expect(ids).toEqual(EVENTS.map((event) => event.id));
    });
  });
});
