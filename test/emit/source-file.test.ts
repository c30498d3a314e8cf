import { readdirSync, readFileSync } from "node:fs";
import { posix, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { emitAll } from "../../src/emit/emit.js";
import type { GeneratedFile, TextFile } from "../../src/emit/generated-file.js";
import { emitRuntime } from "../../src/emit/runtime.js";
import { DEFAULT_LAYOUT, SourceFile, external, outputFile, runtimeFile } from "../../src/emit/source-file.js";
import { resolveApi, SERVER_ADAPTERS } from "../../src/config/resolve-config.js";
import { formatFile } from "../../src/format/format.js";
import { loadModel } from "../../src/pipeline.js";
import { ROOT, VALID_FIXTURES, renderFolder } from "../helpers.js";

describe("SourceFile", () => {
  it("writes each statement as added, with specifiers relative to the file", () => {
    const file = new SourceFile("server/router.ts", DEFAULT_LAYOUT)
      .import(external("express"), ["Router"], { typeOnly: true })
      .import(outputFile("operations.ts"), ["basePath", "type OperationId"])
      .import(runtimeFile("server/handle.ts"), ["createRequestHandler"])
      .import(outputFile("server/schemas.ts"), ["schemas"])
      .export(runtimeFile("client/errors.ts"), "*")
      .export(outputFile("types.ts"), ["paths"], { typeOnly: true });
    expect(file.importLines()).toBe(
      [
        'import type { Router } from "express";',
        'import { basePath, type OperationId } from "../operations.js";',
        'import { createRequestHandler } from "../runtime/server/handle.js";',
        'import { schemas } from "./schemas.js";',
      ].join("\n"),
    );
    expect(file.exportLines()).toBe(['export * from "../runtime/client/errors.js";', 'export type { paths } from "../types.js";'].join("\n"));
    expect(file.imports).toEqual(["operations.ts", "runtime/server/handle.ts", "server/schemas.ts", "runtime/client/errors.ts", "types.ts"]);
  });

  it("leaves out a statement with no names, so an unused module is neither imported nor included", () => {
    const file = new SourceFile("index.ts", DEFAULT_LAYOUT).import(runtimeFile("content.ts"), [], { typeOnly: true }).import(outputFile("types.ts"), ["paths"]);
    expect(file.importLines()).toBe('import { paths } from "./types.js";');
    expect(file.imports).toEqual(["types.ts"]);
  });

  it("points runtime imports at a shared runtime folder and writes the chosen extension", () => {
    const file = new SourceFile("client/index.ts", { runtime: "../runtime", extension: ".ts" })
      .import(runtimeFile("client/call.ts"), ["call"])
      .import(outputFile("operations.ts"), ["operations"]);
    expect(file.importLines()).toBe(['import { call } from "../../runtime/client/call.ts";', 'import { operations } from "../operations.ts";'].join("\n"));
    expect(file.imports).toEqual(["runtime/client/call.ts", "operations.ts"]);
  });

  it("writes an external specifier as an escaped literal", () => {
    const file = new SourceFile("index.ts", DEFAULT_LAYOUT).import(external('../api/"server"/index.js\u2028'), ["Handlers"]);
    const line = file.importLines();
    expect(line).not.toContain("\u2028");
    const parsed = ts.preProcessFile(line, true, false).importedFiles.map((reference) => reference.fileName);
    expect(parsed).toEqual(['../api/"server"/index.js\u2028']);
  });
});

/** The output files a generated file's text imports or re-exports from, read by TypeScript. */
function importsInText(file: TextFile): string[] {
  return ts
    .preProcessFile(file.content, true, false)
    .importedFiles.map((reference) => reference.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => posix.join(posix.dirname(file.path), specifier).replace(/\.js$/, ".ts"));
}

describe.each(VALID_FIXTURES)("the imports of %s's output", (_name, spec) => {
  it("are data that matches the text, and decide which runtime modules are written", async () => {
    const api = resolveApi(posix.join(ROOT, spec), { out: posix.join(ROOT, ".tmp", "imports") }, ROOT);
    const { model } = await loadModel(api);
    const emitted = new Map<string, GeneratedFile>();
    const own = await emitAll(model, { targets: api.targets, server: api.server, docs: false, layout: DEFAULT_LAYOUT }, async (file) => {
      emitted.set(file.path, file);
      return formatFile(file);
    });
    const runtime = emitRuntime(own.flatMap((file) => emitted.get(file.path)?.imports ?? []), ".js").map((file) => ({
      ...file,
      path: `runtime/${file.path}`,
      imports: (file.imports ?? []).map((path) => `runtime/${path}`),
    }));
    for (const file of runtime) emitted.set(file.path, file);
    const files = [...own, ...runtime];
    const written = new Set(files.map((file) => file.path));
    const reached = new Set<string>();
    for (const file of files) {
      const declared = [...(emitted.get(file.path)?.imports ?? [])].sort();
      // What the file says it imports is what its text imports.
      expect(importsInText(file).sort(), file.path).toEqual(declared);
      for (const path of declared) {
        expect(written.has(path), `${file.path} imports ${path}`).toBe(true);
        reached.add(path);
      }
    }
    // Every runtime module written is imported by some file of the output.
    expect(runtime.map((file) => file.path).filter((path) => !reached.has(path))).toEqual([]);
  });
});

it("every runtime module is reached from some output (with one server framework or another, or --docs), so none is dead", async () => {
  const all = new Set<string>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(posix.join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith(".ts")) all.add(`runtime/${prefix}${entry.name}`);
    }
  };
  walk(posix.join(ROOT, "templates/runtime"), "");
  const written = new Set<string>();
  for (const server of SERVER_ADAPTERS) {
    const { files } = await renderFolder(posix.join(ROOT, "fixtures/auth.yaml"), posix.join(ROOT, ".tmp", "imports"), { server, docs: server !== "hono" });
    for (const file of files) if (file.path.startsWith("runtime/")) written.add(file.path);
  }
  expect([...all].filter((path) => !written.has(path))).toEqual([]);
});

describe("the runtime's own imports", () => {
  const runtimeRoot = posix.join(ROOT, "templates", "runtime");
  const modules = readdirSync(runtimeRoot, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts") && !path.startsWith("node_modules"))
    .map((path) => path.split(sep).join("/"))
    .sort();

  it.each(modules)("%s: read as TypeScript reads them, and renamed for --import-extension .ts", (path) => {
    const source = readFileSync(posix.join(runtimeRoot, path), "utf8");
    const [asJs] = emitRuntime([`runtime/${path}`], ".js").filter((file) => file.path === path);
    const [asTs] = emitRuntime([`runtime/${path}`], ".ts").filter((file) => file.path === path);
    expect(asJs?.imports).toEqual(importsInText({ path, content: source }));
    const specifiers = (text: string) =>
      ts
        .preProcessFile(text, true, false)
        .importedFiles.map((reference) => reference.fileName)
        .filter((specifier) => specifier.startsWith("."));
    expect(specifiers(asTs?.content ?? "")).toEqual(specifiers(source).map((specifier) => specifier.replace(/\.js$/, ".ts")));
  });
});
