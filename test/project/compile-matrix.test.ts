import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, TSC, VALID_FIXTURES, localTempDir } from "../helpers.js";
import { STRICTEST, generateInto, installedPackage, typeCheck, writePackage, writeTsconfig } from "./sample-project.js";

/**
 * Every fixture's output, generated into sample projects at test time and type-checked the way
 * users' projects are set up: the strictest flags under each module system, TypeScript 5.0 (the
 * oldest release the README promises) and the latest, and a frontend app with only the client,
 * no Node types, bundled for the browser.
 */
const TYPESCRIPT_5_0 = "typescript@5.0.4";
const ESLINT = "eslint@9.39.5";
const TYPESCRIPT_ESLINT = "typescript-eslint@8.74.0";
const withoutErasable = (({ erasableSyntaxOnly: _, ...rest }) => rest)(STRICTEST);
const withoutVerbatim = (({ verbatimModuleSyntax: _, ...rest }) => rest)(STRICTEST);

const ESM_CELLS: Array<[string, Record<string, unknown>]> = [
  ["nodenext", { ...STRICTEST, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, types: ["node"] }],
  ["node16", { ...STRICTEST, target: "ES2022", module: "Node16", moduleResolution: "Node16", skipLibCheck: true, types: ["node"] }],
  ["bundler", { ...STRICTEST, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", skipLibCheck: true, types: ["node"] }],
];

describe("every fixture's output compiles in the projects users have", () => {
  let esm = "";
  let cjs = "";
  let frontend = "";
  beforeAll(() => {
    esm = localTempDir("matrix-esm-");
    cjs = localTempDir("matrix-cjs-");
    frontend = localTempDir("matrix-frontend-");
    writePackage(esm, "module");
    writePackage(cjs, "commonjs");
    writePackage(frontend, "module");
    for (const [name, spec] of VALID_FIXTURES) {
      generateInto(esm, name, join(ROOT, spec));
      generateInto(cjs, name, join(ROOT, spec));
      generateInto(frontend, name, join(ROOT, spec), ["--target", "client"]);
    }
  }, 300_000);

  it.each(ESM_CELLS)("an ESM package with module %s and the strictest flags", (name, options) => {
    const checked = typeCheck(writeTsconfig(esm, name, options), TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it("a CommonJS package (module commonjs) with the strictest flags its module system allows", () => {
    const options = { ...withoutVerbatim, target: "ES2022", module: "CommonJS", moduleResolution: "Node10", esModuleInterop: true, skipLibCheck: true, types: ["node"] };
    const checked = typeCheck(writeTsconfig(cjs, "commonjs", options), TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it(`TypeScript 5.0 (${TYPESCRIPT_5_0}), module nodenext, the strictest flags it knows`, { timeout: 300_000 }, () => {
    const tsc = join(installedPackage("typescript-5.0", TYPESCRIPT_5_0), "node_modules", "typescript", "bin", "tsc");
    const version = JSON.parse(readFileSync(join(tsc, "..", "..", "package.json"), "utf8")) as { version: string };
    expect(version.version).toBe("5.0.4");
    const options = { ...withoutErasable, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, types: ["node"] };
    const checked = typeCheck(writeTsconfig(esm, "ts50", options), tsc);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it("typescript-eslint's recommended rules find nothing, even with the files' eslint-disable header ignored", { timeout: 300_000 }, () => {
    const tools = installedPackage("eslint", ESLINT, TYPESCRIPT_ESLINT);
    const config = join(tools, "eslint.config.mjs");
    writeFileSync(config, 'import tseslint from "typescript-eslint";\nexport default tseslint.config(...tseslint.configs.recommended);\n');
    const eslint = join(tools, "node_modules", "eslint", "bin", "eslint.js");
    const linted = spawnSync(process.execPath, [eslint, "--config", config, "--no-inline-config", "--max-warnings", "0", "api"], { cwd: esm, encoding: "utf8", timeout: 300_000 });
    expect(linted.stdout + linted.stderr).toBe("");
    expect(linted.status).toBe(0);
    for (const [name] of VALID_FIXTURES) {
      expect(readFileSync(join(esm, "api", name, "client", "index.ts"), "utf8").split("\n").slice(1, 3)).toEqual(["/* eslint-disable */", "// biome-ignore-all lint: generated code"]);
    }
  });

  it("a frontend app with only the client: no @types/node, DOM only, the strictest flags", () => {
    const folders = readdirSync(join(frontend, "api"));
    expect(folders.sort()).toEqual(VALID_FIXTURES.map(([name]) => name).sort());
    for (const name of folders) expect(readdirSync(join(frontend, "api", name)).sort()).toEqual(["client", "index.ts", "models.ts", "operations.ts", "runtime", "types.ts"]);
    const options = { ...STRICTEST, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM", "DOM.Iterable"], types: [], skipLibCheck: false };
    const checked = typeCheck(writeTsconfig(frontend, "browser", options), TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it("a bundle of createClient and one operation holds that operation's contract and no other", async () => {
    const operations = readFileSync(join(frontend, "api", "users", "operations.ts"), "utf8");
    const ids = [...operations.matchAll(/^ {2}operationId: "([^"]+)",$/gm)].map((match) => match[1] ?? "");
    expect(ids.length).toBeGreaterThan(3);
    const bundle = async (contents: string) =>
      (await build({ stdin: { contents, resolveDir: frontend, loader: "ts" }, bundle: true, format: "esm", platform: "browser", write: false })).outputFiles[0]?.text ?? "";
    const one = await bundle('import { createClient, getUser } from "./api/users/client/index.ts";\nconsole.log(getUser(createClient({ baseUrl: "/" }), { path: { userId: 1 } }));');
    expect(ids.filter((id) => one.includes(`operationId: "${id}"`))).toEqual(["getUser"]);
    const grouped = await bundle('import { createGroupedClient } from "./api/users/client/index.ts";\nconsole.log(createGroupedClient({ baseUrl: "/" }));');
    expect(ids.filter((id) => !grouped.includes(`operationId: "${id}"`))).toEqual([]);
  });

  it.each(VALID_FIXTURES)("%s: the client-only output bundles for the browser with no Node built-ins", async (name) => {
    const result = await build({
      stdin: { contents: `export * from "./api/${name}/client/index.ts";`, resolveDir: frontend, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith("node:") || (input !== "<stdin>" && !input.includes(`api/${name}/`)))).toEqual([]);
    expect(inputs.some((input) => input.endsWith("runtime/client/request.ts"))).toBe(true);
  });
});
