import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ROOT } from "../helpers.js";
import { onFreePorts } from "../redis-server.js";
import { bundleWebFixtures, expectCallsAnswered, serveUntilReady, WEB_FIXTURES } from "./web-bundles.js";

/**
 * The `--server hono` output on Bun and Deno, both installed from the npm registry: one process per
 * runtime serves every fixture's bundle on its own port (`Bun.serve`, `Deno.serve`), and gets the
 * end-to-end calls every Node adapter answers.
 */
const RUNTIMES = {
  bun: { command: join(ROOT, "node_modules/.bin/bun"), args: (script: string) => ["run", script], serve: "Bun.serve({ hostname: \"127.0.0.1\", port, fetch: (request) => worker.fetch(request) })" },
  deno: {
    command: join(ROOT, "node_modules/.bin/deno"),
    args: (script: string) => ["run", "--allow-net", "--allow-env", "--no-prompt", script],
    serve: "Deno.serve({ hostname: \"127.0.0.1\", port, onListen() {} }, (request) => worker.fetch(request))",
  },
} as const;

/**
 * Bun 1.4's `Request.formData()` drops a multipart part's `Content-Type` (a file part arrives as a
 * Blob of type ""), so a JSON part cannot be told from a file there: the validation fixture's
 * multipart upload with a JSON part, and the download of that upload, are left out on Bun
 * (README, "Runtimes").
 */
const BUN_DROPS_PART_TYPES = (call: { operation: string }) => call.operation === "createUpload" || call.operation === "getLatestUpload";

describe.each(Object.entries(RUNTIMES))("the Hono output on %s", (runtime, setup) => {
  let child: ChildProcess | undefined;
  const urls = new Map<string, string>();
  let log: () => string = () => "";

  /** The runtime serving each bundle on its port, once every one answers (stopped again when one does not). */
  async function serveOn(dir: string, servers: Array<{ name: string; bundle: string; port: number }>): Promise<void> {
    urls.clear();
    const lines = servers.map(({ name, bundle, port }) => {
      urls.set(name, `http://127.0.0.1:${port}`);
      return `{ const { default: worker } = await import(${JSON.stringify(bundle)}); const port = ${port}; ${setup.serve}; }`;
    });
    const script = join(dir, `serve-${runtime}.mjs`);
    writeFileSync(script, `${lines.join("\n")}\n`);
    ({ child, log } = await serveUntilReady(setup.command, setup.args(script), { cwd: dir, env: { ...process.env, NO_COLOR: "1" } }, urls.values()));
  }

  beforeAll(async () => {
    const { dir, bundles } = await bundleWebFixtures();
    await onFreePorts(bundles.size, (ports) => serveOn(dir, [...bundles].map(([name, bundle], index) => ({ name, bundle, port: ports[index] ?? 0 }))));
  }, 240_000);

  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it.each(WEB_FIXTURES)("answers %s's calls as the Node adapters do", async (name) => {
    await expectCallsAnswered(urls.get(name) as string, name, runtime, log, (call) => runtime === "bun" && BUN_DROPS_PART_TYPES(call));
  });
});
