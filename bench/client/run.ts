/**
 * `npm run bench:client`: the minified + gzipped size of the client runtime, of the generated
 * client for the users fixture, and of two apps over Stripe's client (`--target client`): one
 * calling a single operation, one using them all (esbuild, ESM, browser platform); and the
 * per-call overhead of the generated client against a bare `fetch` to the same local server,
 * measured in the same run.
 * Writes the figures to BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { createGroupedClient } from "../../test/golden/users/client/index.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CALLS = 3000;
const ROUNDS = 5;

async function bundleSize(entry: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    treeShaking: true,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

const runtime = await bundleSize(
  'export * from "./test/golden/users/runtime/client/call.ts"; export * from "./test/golden/users/runtime/client/errors.ts";',
);
const generated = await bundleSize('export * from "./test/golden/users/client/index.ts";');
console.log(`runtime ${runtime.minified} B min, ${runtime.gzipped} B gz; users client ${generated.minified} B min, ${generated.gzipped} B gz`);

// Stripe's client, as a browser app gets it: one operation imported, or every one.
const stripeOut = ".tmp/bench-client-stripe";
rmSync(`${ROOT}${stripeOut}`, { recursive: true, force: true });
execFileSync(process.execPath, [`${ROOT}bin/codegen.js`, `${ROOT}../shared/specs/stripe-spec3-2023-09.yaml`, "-o", stripeOut, "--target", "client", "--quiet"], { cwd: ROOT });
const stripeOne = await bundleSize(
  `import { createClient, getCustomers } from "./${stripeOut}/client/index.ts";\n` +
    'for await (const customer of getCustomers(createClient({ baseUrl: "https://api.stripe.com" }))) console.log(customer);',
);
const stripeAll = await bundleSize(
  `import { createGroupedClient } from "./${stripeOut}/client/index.ts";\nconsole.log(createGroupedClient({ baseUrl: "https://api.stripe.com" }));`,
);
const stripeOperations = (readFileSync(`${ROOT}${stripeOut}/client/index.ts`, "utf8").match(/^export function /gm) ?? []).length - 2;
console.log(`stripe: one operation ${stripeOne.gzipped} B gz; all ${stripeOperations} ${stripeAll.gzipped} B gz`);

const body = JSON.stringify({ success: true, data: { id: 1, name: "Ada", email: "ada@example.com", role: "admin", created_at: "2024-01-15T10:30:00Z" }, meta: { request_id: "r" } });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "x-request-id": "r" });
  response.end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = createGroupedClient({ baseUrl: `${base}/v1`, auth: { bearerAuth: "t" } });

async function perCall(run: () => PromiseLike<unknown>): Promise<number> {
  for (let index = 0; index < 300; index++) await run();
  const began = performance.now();
  for (let index = 0; index < CALLS; index++) await run();
  return ((performance.now() - began) * 1000) / CALLS;
}

const bare: number[] = [];
const sdk: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bare.push(await perCall(async () => (await fetch(`${base}/v1/users/1`, { headers: { authorization: "Bearer t", accept: "application/json" } })).json()));
  sdk.push(await perCall(() => client.users.get({ path: { userId: 1 } })));
}
server.close();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const bareUs = median(bare);
const sdkUs = median(sdk);
console.log(`bare fetch ${bareUs.toFixed(1)} µs/call, client ${sdkUs.toFixed(1)} µs/call`);

const section = [
  "<!-- bench:client -->",
  "## Client: size and per-call overhead",
  "",
  `\`npm run bench:client\` — esbuild ${(await import("esbuild")).version} (bundle, minify, ESM, browser), gzip level 9; per-call: ${CALLS} sequential GETs after a warm-up,`,
  `median of ${ROUNDS} alternating rounds, against one local node:http server answering a small JSON body. Node ${process.version}, ${cpus().length} cores.`,
  "",
  "| bundle | minified | gzipped |",
  "|---|---:|---:|",
  `| client runtime (call, request, retry, errors, pagination, query, auth) | ${runtime.minified} B | ${runtime.gzipped} B |`,
  `| generated client for the users fixture (runtime + 7 operations) | ${generated.minified} B | ${generated.gzipped} B |`,
  `| an app calling one Stripe operation: \`createClient\` + \`getCustomers\`, \`for await\` over its pages | ${stripeOne.minified} B | ${stripeOne.gzipped} B |`,
  `| an app using all ${stripeOperations} Stripe operations (\`createGroupedClient\`) | ${stripeAll.minified} B | ${stripeAll.gzipped} B |`,
  "",
  "| call | µs per call |",
  "|---|---:|",
  `| bare \`fetch\` + \`.json()\` | ${bareUs.toFixed(1)} |`,
  `| \`client.users.get()\` | ${sdkUs.toFixed(1)} |`,
  "",
  `Overhead of the generated client: **${(sdkUs - bareUs).toFixed(1)} µs per call** (${(sdkUs / bareUs).toFixed(2)}× a bare fetch).`,
  "<!-- /bench:client -->",
].join("\n");
writeSection("client", section);
console.log(section);
