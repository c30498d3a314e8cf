import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runTypeScript } from "./helpers.js";

/**
 * `requireWithCodeCache`, each run in a process of its own (the cache is written as a process
 * ends): a package of 2,000 functions in a project's node_modules, loaded from a file beside it.
 */
describe("requireWithCodeCache", () => {
  const project = mkdtempSync(join(tmpdir(), "code-cache-"));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const packageDir = join(project, "node_modules", "big-package");
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, "package.json"), JSON.stringify({ name: "big-package", version: "1.2.3", main: "index.js" }));
  const functions = Array.from({ length: 2000 }, (_, index) => `function f${index}(x) { return x + ${index}; }`).join("\n");
  writeFileSync(join(packageDir, "index.js"), `${functions}\nexports.sum = (x) => f1999(f0(x));\nexports.self = module;\n`);
  const cacheDir = join(project, "node_modules", ".cache", "codegen");
  const script = join(project, "load.ts");
  writeFileSync(
    script,
    [
      `import { createRequire } from "node:module";`,
      `import { loadWithCodeCache } from ${JSON.stringify(join(ROOT, "src", "code-cache.ts"))};`,
      `const { exports, cache } = loadWithCodeCache(import.meta.url, "big-package");`,
      `const loaded = exports as { sum(x: number): number; self: unknown };`,
      `const required = createRequire(import.meta.url)("big-package") as typeof loaded;`,
      `console.log(JSON.stringify({ sum: loaded.sum(1), same: required === loaded, loaded: (loaded.self as { loaded: boolean }).loaded, cache }));`,
    ].join("\n"),
  );
  const run = () => {
    const result = runTypeScript(script, [], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as { sum: number; same: boolean; loaded: boolean; cache: string };
  };
  const cacheFile = () => {
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^big-package-1\.2\.3-node.+\.v8-cache$/);
    return join(cacheDir, files[0] as string);
  };

  it("loads the module once for every require, and writes the cache when there is none", () => {
    expect(run()).toEqual({ sum: 2000, same: true, loaded: true, cache: "written" });
    expect(statSync(cacheFile()).size).toBeGreaterThan(1000);
  });

  it("reads the cache back on the next run without writing it again (V8 accepted it)", () => {
    const before = readFileSync(cacheFile());
    const written = statSync(cacheFile()).mtimeMs;
    expect(run()).toEqual({ sum: 2000, same: true, loaded: true, cache: "read" });
    expect(statSync(cacheFile()).mtimeMs).toBe(written);
    expect(readFileSync(cacheFile()).equals(before)).toBe(true);
  });

  it("compiles the source when the cache is damaged, and writes a good one in its place", () => {
    writeFileSync(cacheFile(), "not V8's bytes");
    expect(run()).toEqual({ sum: 2000, same: true, loaded: true, cache: "written" });
    expect(readFileSync(cacheFile(), "utf8")).not.toBe("not V8's bytes");
    const rewritten = readFileSync(cacheFile());
    expect(run()).toEqual({ sum: 2000, same: true, loaded: true, cache: "read" });
    expect(readFileSync(cacheFile()).equals(rewritten)).toBe(true);
  });

  it("works without a cache where none can be written", () => {
    rmSync(join(project, "node_modules", ".cache"), { recursive: true, force: true });
    // A file where the cache folder would go: the folder cannot be made.
    writeFileSync(join(project, "node_modules", ".cache"), "");
    expect(run()).toEqual({ sum: 2000, same: true, loaded: true, cache: "written" });
    expect(statSync(join(project, "node_modules", ".cache")).isFile()).toBe(true);
  });
});

describe("a module loaded with the code cache", () => {
  it("has its source's exact text, read as ASCII or decoded as UTF-8", async () => {
    const { loadWithCodeCache } = await import("../src/code-cache.js");
    const project = mkdtempSync(join(tmpdir(), "code-cache-text-"));
    try {
      const texts = { "ascii-package": "plain \\u00e9 text", "utf8-package": "h\u00e9llo \u2713 \u{1d11e} \ufeff" };
      for (const [name, text] of Object.entries(texts)) {
        const dir = join(project, "node_modules", name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", main: "index.js" }));
        writeFileSync(join(dir, "index.js"), `exports.text = ${JSON.stringify(text)};\nexports.length = ${JSON.stringify(text)}.length;\n`);
        const { exports } = loadWithCodeCache(new URL(`file://${join(project, "load.js")}`).href, name);
        expect(exports).toEqual({ text, length: text.length });
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
