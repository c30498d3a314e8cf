import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { goldenPaths, localTempDir, ROOT, runCli, runTsc, snapshotDir, tempDir } from "./helpers.js";

describe("the hostile fixture", () => {
  it("generates only inside the output folder, type-checks, and importing every module runs no payload", () => {
    const sandbox = localTempDir();
    const work = join(sandbox, "work");
    const result = runCli([join(ROOT, "fixtures", "hostile", "openapi.yaml"), "-o", join(work, "api")], sandbox);
    expect(result.status, result.stderr).toBe(0);
    // Nothing outside work/api: the sandbox holds only the output folder.
    expect(readdirSync(sandbox)).toEqual(["work"]);
    expect(readdirSync(work)).toEqual(["api"]);
    const files = [...snapshotDir(join(work, "api")).keys()];
    expect(files.sort()).toEqual(goldenPaths("hostile"));

    // Compile to JavaScript with strict type-checking, then import every module in a fresh process.
    writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module" }));
    const compilerOptions = { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", types: [], outDir: "js" };
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["api/**/*.ts"] }));
    const compiled = runTsc(["-p", join(work, "tsconfig.json")]);
    expect(compiled.stdout + compiled.stderr).toBe("");
    const script = [
      "globalThis.__codegenCanary = undefined;",
      ...files.map((file) => `await import(${JSON.stringify("./js/" + file.replace(/\.ts$/, ".js"))});`),
      "const operations = (await import('./js/operations.js')).operations;",
      "console.log(JSON.stringify({ canary: globalThis.__codegenCanary ?? null, polluted: ({}).polluted ?? null, count: Object.keys(operations).length }));",
    ].join("\n");
    writeFileSync(join(work, "import-all.mjs"), script);
    const run = spawnSync(process.execPath, ["import-all.mjs"], { cwd: work, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ canary: null, polluted: null, count: 5 });
    expect(existsSync(join(work, "PWNED"))).toBe(false);
    expect(existsSync(join(sandbox, "PWNED"))).toBe(false);
  });

  it("keeps payloads inside literals and comments", () => {
    const dir = tempDir();
    expect(runCli([join(ROOT, "fixtures", "hostile", "openapi.yaml"), "-o", "api"], dir).status).toBe(0);
    for (const [path, content] of snapshotDir(join(dir, "api"))) {
      // Every payload line in code position would be a statement starting with the canary.
      expect(content, path).not.toMatch(/^\s*globalThis\.__codegenCanary/m);
      expect(content, path).not.toMatch(/[\u2028\u2029](?![^"]*")/);
    }
  });
});
