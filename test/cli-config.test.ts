import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, localTempDir, runCli, runTsc, snapshotDir } from "./helpers.js";

const fixture = (name: string) => join(ROOT, "fixtures", name);

/** A project folder with a codegen.config.json holding `config`. */
function project(config: object): string {
  const dir = localTempDir("config-");
  writeFileSync(join(dir, "codegen.config.json"), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  return dir;
}

/** The runtime modules (paths under the runtime folder) a generated folder's files import. */
function runtimeImportsOf(outDir: string, runtimePrefix: string): Set<string> {
  const imported = new Set<string>();
  for (const [path, content] of snapshotDir(outDir)) {
    for (const match of content.matchAll(/from "([^"]+)"/g)) {
      const specifier = match[1] ?? "";
      if (!specifier.startsWith(".")) continue;
      const resolved = new URL(specifier, pathToFileURL(join(outDir, path))).pathname;
      if (resolved.startsWith(runtimePrefix)) imported.add(resolved.slice(runtimePrefix.length));
    }
  }
  return imported;
}

describe("codegen.config.json", () => {
  it("generates every API with no spec argument, into one shared runtime that holds only what they import", async () => {
    const dir = project({
      runtime: "src/api/runtime",
      apis: [
        { spec: fixture("users.yaml"), output: "src/api/users", targets: ["client"] },
        { spec: fixture("petstore.yaml"), output: "src/api/petstore" },
      ],
    });
    const generated = runCli([], dir);
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/→ src\/api\/users\n/);
    expect(generated.stdout).toMatch(/→ src\/api\/petstore\n/);
    expect(generated.stdout).toMatch(/^runtime: \d+ written, 0 unchanged, 0 removed → src\/api\/runtime$/m);
    // No output has a runtime of its own; the client-only output has no server.
    expect(existsSync(join(dir, "src/api/users/runtime"))).toBe(false);
    expect(existsSync(join(dir, "src/api/petstore/runtime"))).toBe(false);
    expect(existsSync(join(dir, "src/api/users/server"))).toBe(false);
    expect(existsSync(join(dir, "src/api/petstore/server/router.ts"))).toBe(true);

    // The shared runtime is exactly what the outputs reach: their imports and what those import.
    const runtimeDir = join(dir, "src/api/runtime");
    const written = new Set([...snapshotDir(runtimeDir).keys()]);
    const reached = new Set([...runtimeImportsOf(join(dir, "src/api/users"), `${runtimeDir}/`), ...runtimeImportsOf(join(dir, "src/api/petstore"), `${runtimeDir}/`)]);
    for (const [path] of snapshotDir(runtimeDir)) for (const inner of runtimeImportsOf(join(runtimeDir, path, ".."), `${runtimeDir}/`)) reached.add(inner);
    expect([...written].sort()).toEqual([...reached].map((path) => path.replace(/\.js$/, ".ts")).sort());
    expect(written.has("server/handle.ts")).toBe(true);

    // Both clients throw the one ApiError class.
    const users = await import(pathToFileURL(join(dir, "src/api/users/client/index.ts")).href);
    const petstore = await import(pathToFileURL(join(dir, "src/api/petstore/client/index.ts")).href);
    expect(users.ApiError).toBe(petstore.ApiError);
    expect(new users.NotFoundError(404, {}, new Headers())).toBeInstanceOf(petstore.ApiError);

    // The project type-checks, and `check` finds everything up to date.
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, types: ["node"] }, include: ["src"] }));
    const checked = runTsc(["-p", join(dir, "tsconfig.json")]);
    expect(checked.stdout + checked.stderr).toBe("");
    const check = runCli(["check"], dir);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout.split("\n").filter((line) => line.includes("up to date"))).toHaveLength(3);
  });

  it("check names the stale folder, and the command to run, for any API of the config", () => {
    const dir = project({ apis: [{ spec: fixture("petstore.yaml"), output: "a" }, { spec: fixture("users.yaml"), output: "b", targets: ["types"] }] });
    expect(runCli([], dir).status).toBe(0);
    // Types only: the models' response types need the runtime's AsReceived (users marks readOnly fields), nothing else.
    expect([...snapshotDir(join(dir, "b")).keys()].sort()).toEqual(["index.ts", "models.ts", "runtime/content.ts", "types.ts"]);
    writeFileSync(join(dir, "b", "models.ts"), readFileSync(join(dir, "b", "models.ts"), "utf8") + "// edited\n");
    const check = runCli(["check"], dir);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/1 file out of date in b\n\s+stale\s+b\/models\.ts/);
    expect(check.stderr).toMatch(/^run: codegen$/m);
    expect(check.stdout).toMatch(/up to date in a/);
  });

  it("a --config file elsewhere resolves its paths from its own folder", () => {
    const dir = project({ apis: [] });
    writeFileSync(join(dir, "other.json"), JSON.stringify({ apis: [{ spec: fixture("petstore.yaml"), output: "gen/petstore", targets: ["types", "client"] }] }));
    const result = runCli(["--config", join(dir, "other.json")], ROOT);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(dir, "gen/petstore/client/index.ts"))).toBe(true);
    expect(existsSync(join(dir, "gen/petstore/runtime/client/call.ts"))).toBe(true);
    expect(existsSync(join(dir, "gen/petstore/runtime/server"))).toBe(false);
  });

  it("takes each API's server framework, and check regenerates it", () => {
    const dir = project({
      apis: [
        { spec: fixture("petstore.yaml"), output: "gen/fastify", server: "fastify" },
        { spec: fixture("petstore.yaml"), output: "gen/hono", server: "hono" },
      ],
    });
    const result = runCli([], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, "gen/fastify/server/index.ts"), "utf8")).toMatch(/export \{\s*createRequestHandler,\s*createPlugin,/);
    expect(existsSync(join(dir, "gen/fastify/runtime/server/fastify.ts"))).toBe(true);
    expect(existsSync(join(dir, "gen/fastify/runtime/server/express.ts"))).toBe(false);
    expect(readFileSync(join(dir, "gen/hono/server/index.ts"), "utf8")).toMatch(/createApp,\s*createFetchHandler,/);
    expect(existsSync(join(dir, "gen/hono/runtime/server/node-patterns.ts"))).toBe(false);
    expect(runCli(["check"], dir).status).toBe(0);
  });

  it.each([
    ["an unknown server", { apis: [{ spec: "x.yaml", output: "o", server: "koa" }] }, /not valid: must be equal to one of the allowed values/, /at #\/apis\/0\/server/],
    ["an unknown key", { apis: [{ spec: "x.yaml", output: "o", target: ["client"] }] }, /the config file is not valid: must NOT have additional properties \(target\)/, /codegen\.config\.json at #\/apis\/0/],
    ["an unknown target", { apis: [{ spec: "x.yaml", output: "o", targets: ["sdk"] }] }, /not valid: must be equal to one of the allowed values/, /at #\/apis\/0\/targets\/0/],
    ["no apis", { apis: [] }, /must NOT have fewer than 1 items/, /at #\/apis/],
    ["overlapping outputs", { apis: [{ spec: fixture("petstore.yaml"), output: "api" }, { spec: fixture("users.yaml"), output: "api/users" }] }, /output folders of apis 0 and 1 overlap/, /at #\/apis\/1\/output/],
    ["a runtime inside an output", { runtime: "api/runtime", apis: [{ spec: fixture("petstore.yaml"), output: "api" }] }, /shared runtime folder and an output folder overlap/, /at #\/runtime/],
    ["a spec that fails", { apis: [{ spec: fixture("petstore.yaml"), output: "a" }, { spec: fixture("invalid/malformed.yaml"), output: "b" }] }, /error: /, /for codegen\.config\.json#\/apis\/1/],
  ])("%s fails with exit 2, naming the file and the entry, and writes nothing", (_name, config, message, where) => {
    const dir = project(config);
    const result = runCli([], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(where);
    expect(result.stderr).toMatch(/fix: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(["codegen.config.json", "package.json"]);
  });

  it("no spec and no config file is a usage error that says what to do", () => {
    const dir = localTempDir("config-");
    const result = runCli([], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no spec given and no codegen\.config\.json here/);
    expect(result.stderr).toMatch(/fix: pass a spec/);
  });
});
