import { load } from "js-yaml";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasParseErrors, openapiTypescript, typescript, yamlAnchors } from "../src/internals.js";
import { ROOT } from "./helpers.js";

/** Each internal another package gives us (src/internals.ts), checked against the installed version. */
describe("the package internals codegen relies on", () => {
  it("pins every package whose internals it uses to an exact version", () => {
    const manifest = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { dependencies: Record<string, string> };
    for (const name of ["openapi-typescript", "typescript", "js-yaml", "prettier"]) expect(manifest.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("openapi-typescript: the dist transform, printer and helpers load and work", () => {
    const api = openapiTypescript();
    for (const name of ["transformSchema", "astToString", "resolveRef", "scanDiscriminators"] as const) expect(typeof api[name], name).toBe("function");
  });

  it("TypeScript: parseDiagnostics tells a clean parse from a broken one", () => {
    const parse = (text: string) => typescript.createSourceFile("x.ts", text, typescript.ScriptTarget.Latest);
    expect(hasParseErrors(parse("const a = 1;"))).toBe(false);
    expect(hasParseErrors(parse("const = ;"))).toBe(true);
  });

  it("js-yaml: the listener's state carries the anchors seen", () => {
    let anchors: Record<string, unknown> | undefined;
    load("a: &x { b: 1 }\nc: *x\n", { listener: (_event, state) => (anchors ??= yamlAnchors(state)) });
    expect(anchors).toBeDefined();
    expect(Object.keys(anchors ?? {})).toEqual(["x"]);
  });
});
