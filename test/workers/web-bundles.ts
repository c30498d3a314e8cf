import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build, type Plugin } from "esbuild";
import { expect } from "vitest";
import { localTempDir, ROOT, runCliAsync, VALID_FIXTURES } from "../helpers.js";
import { send, type Call, type FixtureApp } from "../server/serve.js";

/**
 * Every fixture's `--server hono` output with its test app, bundled as one Web module per fixture
 * (`export default { fetch }`, no Node built-ins), for the runtimes beyond Node: workerd, Bun, Deno.
 * `hardening` is not among them: its contract has a pattern RE2 cannot run, which `--server hono`
 * refuses at generation (a Web runtime cannot interrupt a regular expression).
 */
export const WEB_FIXTURES = VALID_FIXTURES.map(([name]) => name).filter((name) => name !== "hardening");

/**
 * Calls whose request target a Web runtime rewrites before the server sees it (its URL parser
 * resolves dot segments and re-encodes), so the Node adapters' exact answer cannot be expected.
 */
const REWRITTEN_TARGET = /(^|\/)\.\.?(\/|$|\?)|%2e/i;

/** Generates and bundles every Web fixture into `dir`: `<name>.worker.js` each. */
export async function bundleWebFixtures(): Promise<{ dir: string; bundles: Map<string, string> }> {
  const dir = localTempDir("web-bundles-");
  const bundles = new Map<string, string>();
  await Promise.all(
    WEB_FIXTURES.map(async (name) => {
      const spec = (VALID_FIXTURES.find(([fixture]) => fixture === name) as readonly [string, string])[1];
      const result = await runCliAsync([spec, "-o", join(dir, name), "--server", "hono", "--quiet"]);
      expect(result.status, result.stderr).toBe(0);
    }),
  );
  for (const name of WEB_FIXTURES) {
    const entry = join(dir, `${name}.entry.ts`);
    writeFileSync(entry, workerEntry(name, dir));
    const outfile = join(dir, `${name}.worker.js`);
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser", "import"],
      outfile,
      plugins: [generatedInsteadOfGolden(dir)],
      logLevel: "silent",
    });
    bundles.set(name, outfile);
  }
  return { dir, bundles };
}

/** Sends a fixture's end-to-end calls (those a Web runtime sees as sent) and checks each answer as the Node adapters' suite does. */
export async function expectCallsAnswered(url: string, name: string, runtime: string, log: () => string, skip: (call: Call) => boolean = () => false): Promise<number> {
  const app = await fixtureApp(name);
  const calls = app.calls.filter((call) => !REWRITTEN_TARGET.test(call.path) && !skip(call));
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    const reply = await send(url, call);
    const where = `${call.method} ${call.path} (${call.operation}) on ${runtime}: ${reply.text}\n${log().slice(-2000)}`;
    expect(reply.status, where).toBe(call.status);
    expect(reply.headers["x-request-id"], where).toMatch(/^[\w.:@+=/-]{1,128}$/);
    if (call.response !== undefined) expect(reply.json(), where).toEqual(call.response);
    else if (call.text !== undefined) expect(reply.text, where).toBe(call.text);
  }
  return calls.length;
}

/** A runtime's process serving `urls`, once every one answers; stopped again (its log in the error) when one does not. */
export async function serveUntilReady(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
  urls: Iterable<string>,
): Promise<{ child: ChildProcess; log: () => string }> {
  let text = "";
  const log = () => text;
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], env: options.env });
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  try {
    await Promise.all([...urls].map((url) => waitForServer(url, () => child.exitCode === null, log)));
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { child, log };
}

/** Resolves once `url` answers HTTP (any status), or throws with the runtime's log. */
async function waitForServer(url: string, alive: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await send(url, { method: "GET", path: "/__ready" });
      return;
    } catch (error) {
      if (Date.now() > deadline || !alive()) throw new Error(`the server at ${url} did not start: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A Web module serving one fixture's test app; the pipeline is built on the first request (Workers allow no timers at startup). */
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
 * The test apps import the golden output (generated for Express); in the bundle they get the same
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
