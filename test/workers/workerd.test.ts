import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build, type Plugin } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localTempDir, ROOT, runCliAsync, VALID_FIXTURES } from "../helpers.js";
import { freePort } from "../redis-server.js";
import { send, type FixtureApp } from "../server/serve.js";

/**
 * The `--server hono` output on Cloudflare's runtime: each fixture is generated for Hono, bundled
 * with its test app as a Worker (ES module, no Node built-ins, no `nodejs_compat`) and served by
 * `workerd` from the npm registry; the end-to-end calls every Node adapter answers go to it over
 * HTTP. `hardening` is not among them: its contract has a pattern RE2 cannot run, which
 * `--server hono` refuses at generation (a Web runtime cannot interrupt a regular expression).
 */
const ON_WORKERS = VALID_FIXTURES.map(([name]) => name).filter((name) => name !== "hardening");

/**
 * Calls whose request target a Web runtime rewrites before the server sees it (its URL parser
 * resolves dot segments and re-encodes), so the Node adapters' exact answer cannot be expected.
 */
const REWRITTEN_TARGET = /(^|\/)\.\.?(\/|$|\?)|%2e/i;

const WORKERD = join(ROOT, "node_modules/.bin/workerd");

let workerd: ChildProcess | undefined;
const urls = new Map<string, string>();
let log = "";

beforeAll(async () => {
  const dir = localTempDir("workerd-");
  const generated = await Promise.all(
    ON_WORKERS.map(async (name) => {
      const spec = (VALID_FIXTURES.find(([fixture]) => fixture === name) as readonly [string, string])[1];
      const result = await runCliAsync([spec, "-o", join(dir, name), "--server", "hono", "--quiet"]);
      expect(result.status, result.stderr).toBe(0);
      return name;
    }),
  );
  const services: string[] = [];
  const sockets: string[] = [];
  for (const name of generated) {
    const entry = join(dir, `${name}.entry.ts`);
    writeFileSync(entry, workerEntry(name, dir));
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser", "import"],
      outfile: join(dir, `${name}.worker.js`),
      plugins: [generatedInsteadOfGolden(dir)],
      logLevel: "silent",
    });
    const port = await freePort();
    urls.set(name, `http://127.0.0.1:${port}`);
    const service = `s_${name.replace(/\W/g, "_")}`;
    services.push(`(name = "${service}", worker = (modules = [(name = "worker.js", esModule = embed "${name}.worker.js")], compatibilityDate = "2025-01-01"))`);
    sockets.push(`(name = "${service}", address = "127.0.0.1:${port}", http = (), service = "${service}")`);
  }
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";\nconst config :Workerd.Config = (\n  services = [${services.join(", ")}],\n  sockets = [${sockets.join(", ")}],\n);\n`,
  );
  workerd = spawn(WORKERD, ["serve", join(dir, "config.capnp"), "--verbose"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  workerd.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  workerd.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await Promise.all([...urls.values()].map((url) => waitForServer(url)));
}, 240_000);

afterAll(() => {
  workerd?.kill("SIGKILL");
});

describe.each(ON_WORKERS)("the Hono output for %s on workerd", (name) => {
  it("answers the calls the Node adapters answer", async () => {
    const app = await fixtureApp(name);
    const calls = app.calls.filter((call) => !REWRITTEN_TARGET.test(call.path));
    const url = urls.get(name) as string;
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const reply = await send(url, call);
      const where = `${call.method} ${call.path} (${call.operation}) on workerd: ${reply.text}\n${log.slice(-2000)}`;
      expect(reply.status, where).toBe(call.status);
      expect(reply.headers["x-request-id"], where).toMatch(/^[\w.:@+=/-]{1,128}$/);
      if (call.response !== undefined) expect(reply.json(), where).toEqual(call.response);
      else if (call.text !== undefined) expect(reply.text, where).toBe(call.text);
    }
  });
});

/** A Worker module serving one fixture's test app; the pipeline is built on the first request (Workers allow no timers at startup). */
function workerEntry(name: string, dir: string): string {
  const app = relativeImport(dir, join(ROOT, `test/server/apps/${name}.ts`));
  const web = relativeImport(dir, join(dir, name, "runtime/server/web.ts"));
  return [
    `import * as module from ${JSON.stringify(app)};`,
    `import { fetchHandler, type FetchHandler } from ${JSON.stringify(web)};`,
    `let handle: FetchHandler | undefined;`,
    `export default {`,
    `  fetch(request: Request): Promise<Response> {`,
    `    handle ??= fetchHandler(module.${appExport(name)}.handler());`,
    `    return handle(request, request.headers.get("cf-connecting-ip") ?? undefined);`,
    `  },`,
    `};`,
    ``,
  ].join("\n");
}

/** The test app a fixture's module exports: `multi-file` → `multiFileApp`. */
function appExport(name: string): string {
  return `${name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}App`;
}

async function fixtureApp(name: string): Promise<FixtureApp> {
  const module = (await import(join(ROOT, `test/server/apps/${name}.ts`))) as Record<string, FixtureApp>;
  return module[appExport(name)] as FixtureApp;
}

function relativeImport(from: string, to: string): string {
  const path = relative(from, to).replace(/\\/g, "/");
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * The test apps import the golden output (generated for Express); in the Worker they get the same
 * fixture generated for Hono. `vitest` (whose `expect.any` a call list uses) is not bundled.
 */
function generatedInsteadOfGolden(dir: string): Plugin {
  const golden = join(ROOT, "test/golden") + "/";
  return {
    name: "generated-instead-of-golden",
    setup(builder) {
      builder.onResolve({ filter: /golden\// }, (args) => {
        const absolute = join(args.resolveDir, args.path);
        if (!absolute.startsWith(golden)) return undefined;
        return { path: join(dir, absolute.slice(golden.length)).replace(/\.js$/, ".ts") };
      });
      builder.onResolve({ filter: /^vitest$/ }, () => ({ path: "vitest", namespace: "vitest-shim" }));
      builder.onLoad({ filter: /.*/, namespace: "vitest-shim" }, () => ({
        contents: "export const expect = { any: () => undefined };",
        loader: "js",
      }));
    },
  };
}

async function waitForServer(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await send(url, { method: "GET", path: "/__ready" });
      return;
    } catch (error) {
      if (Date.now() > deadline || workerd?.exitCode !== null) throw new Error(`workerd did not start: ${String(error)}\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
