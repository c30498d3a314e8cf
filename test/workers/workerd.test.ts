import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ROOT } from "../helpers.js";
import { onFreePorts } from "../redis-server.js";
import { bundleWebFixtures, expectCallsAnswered, serveUntilReady, WEB_FIXTURES } from "./web-bundles.js";

/**
 * The `--server hono` output on Cloudflare's runtime: each fixture's bundle is a Worker (ES
 * module, no `nodejs_compat`) served by `workerd` from the npm registry, one socket per fixture;
 * the end-to-end calls every Node adapter answers go to it over HTTP.
 */
const WORKERD = join(ROOT, "node_modules/.bin/workerd");

let workerd: ChildProcess | undefined;
const urls = new Map<string, string>();
let log: () => string = () => "";

beforeAll(async () => {
  const { dir, bundles } = await bundleWebFixtures();
  await onFreePorts(bundles.size, (ports) => serveOn(dir, [...bundles].map(([name, bundle], index) => ({ name, bundle, port: ports[index] ?? 0 }))));
}, 240_000);

/** workerd serving each bundle on its port, once every one answers (stopped again when one does not). */
async function serveOn(dir: string, servers: Array<{ name: string; bundle: string; port: number }>): Promise<void> {
  const services: string[] = [];
  const sockets: string[] = [];
  urls.clear();
  for (const { name, bundle, port } of servers) {
    urls.set(name, `http://127.0.0.1:${port}`);
    const service = `s_${name.replace(/\W/g, "_")}`;
    services.push(`(name = "${service}", worker = (modules = [(name = "worker.js", esModule = embed "${basename(bundle)}")], compatibilityDate = "2025-01-01"))`);
    sockets.push(`(name = "${service}", address = "127.0.0.1:${port}", http = (), service = "${service}")`);
  }
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";\nconst config :Workerd.Config = (\n  services = [${services.join(", ")}],\n  sockets = [${sockets.join(", ")}],\n);\n`,
  );
  ({ child: workerd, log } = await serveUntilReady(WORKERD, ["serve", join(dir, "config.capnp"), "--verbose"], { cwd: dir }, urls.values()));
}

afterAll(() => {
  workerd?.kill("SIGKILL");
});

describe.each(WEB_FIXTURES)("the Hono output for %s on workerd", (name) => {
  it("answers the calls the Node adapters answer", async () => {
    await expectCallsAnswered(urls.get(name) as string, name, "workerd", log);
  });
});
