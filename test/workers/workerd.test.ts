import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ROOT } from "../helpers.js";
import { freePort } from "../redis-server.js";
import { bundleWebFixtures, expectCallsAnswered, waitForServer, WEB_FIXTURES } from "./web-bundles.js";

/**
 * The `--server hono` output on Cloudflare's runtime: each fixture's bundle is a Worker (ES
 * module, no `nodejs_compat`) served by `workerd` from the npm registry, one socket per fixture;
 * the end-to-end calls every Node adapter answers go to it over HTTP.
 */
const WORKERD = join(ROOT, "node_modules/.bin/workerd");

let workerd: ChildProcess | undefined;
const urls = new Map<string, string>();
let log = "";

beforeAll(async () => {
  const { dir, bundles } = await bundleWebFixtures();
  const services: string[] = [];
  const sockets: string[] = [];
  for (const [name, bundle] of bundles) {
    const port = await freePort();
    urls.set(name, `http://127.0.0.1:${port}`);
    const service = `s_${name.replace(/\W/g, "_")}`;
    services.push(`(name = "${service}", worker = (modules = [(name = "worker.js", esModule = embed "${basename(bundle)}")], compatibilityDate = "2025-01-01"))`);
    sockets.push(`(name = "${service}", address = "127.0.0.1:${port}", http = (), service = "${service}")`);
  }
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";\nconst config :Workerd.Config = (\n  services = [${services.join(", ")}],\n  sockets = [${sockets.join(", ")}],\n);\n`,
  );
  workerd = spawn(WORKERD, ["serve", join(dir, "config.capnp"), "--verbose"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  workerd.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  workerd.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await Promise.all([...urls.values()].map((url) => waitForServer(url, () => workerd?.exitCode === null, () => log)));
}, 240_000);

afterAll(() => {
  workerd?.kill("SIGKILL");
});

describe.each(WEB_FIXTURES)("the Hono output for %s on workerd", (name) => {
  it("answers the calls the Node adapters answer", async () => {
    await expectCallsAnswered(urls.get(name) as string, name, "workerd", () => log);
  });
});
