import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runTsc, snapshotDir, tempDir } from "../helpers.js";

const HEAD = 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\n';

/** Generates into a fresh folder; returns the result and whether anything was written. */
function generate(spec: string) {
  const out = join(tempDir(), "out");
  const result = runCli([spec, "-o", out, "--quiet"]);
  return { ...result, wrote: snapshotDir(out).size > 0, out };
}

function expectRefused(spec: string, message: RegExp) {
  const result = generate(spec);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/\n {2}fix: \S/);
  expect(result.stderr).not.toMatch(/this is a bug|\n\s+at /);
  expect(result.wrote).toBe(false);
}

describe("spec files that are not regular files", () => {
  it("refuses a FIFO without waiting for a writer", () => {
    const fifo = join(tempDir(), "spec.yaml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expectRefused(fifo, /not a regular file/);
  });

  it("refuses a device such as /dev/zero", () => {
    expectRefused("/dev/zero", /not a regular file/);
  });

  it("refuses a symbolic link loop", () => {
    const dir = tempDir();
    symlinkSync(join(dir, "b.yaml"), join(dir, "a.yaml"));
    symlinkSync(join(dir, "a.yaml"), join(dir, "b.yaml"));
    expectRefused(join(dir, "a.yaml"), /symbolic link loop/);
  });

  it("refuses a $ref to a FIFO or a device, naming it", () => {
    const dir = tempDir();
    expect(spawnSync("mkfifo", [join(dir, "pipe.yaml")]).status).toBe(0);
    for (const target of ["./pipe.yaml", "/dev/zero"]) {
      const spec = join(dir, "openapi.yaml");
      writeFileSync(spec, `${HEAD}paths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "${target}" }\n`);
      expectRefused(spec, /not a regular file/);
    }
  });
});

describe("documents that expand or nest without bound", () => {
  it("caps what aliases of a large scalar expand to (the fast YAML path)", () => {
    const spec = join(tempDir(), "aliases.yaml");
    const lines = [HEAD + "paths: {}", `x-big: &big ${"x".repeat(50_000)}`, "x-list:"];
    for (let index = 0; index < 20_000; index++) lines.push("  - *big");
    writeFileSync(spec, lines.join("\n") + "\n");
    expectRefused(spec, /expands to more than \d+ characters/);
  });

  it.each([
    ["JSON arrays", "spec.json", (depth: number) => `{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"x-deep":${"[".repeat(depth)}${"]".repeat(depth)}}`],
    ["JSON objects", "spec.json", (depth: number) => `{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"x-deep":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`],
    ["YAML flow", "spec.yaml", (depth: number) => `${HEAD}paths: {}\nx-deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`],
  ])("refuses %s nested 100,000 deep with the depth limit named", (_name, file, nest) => {
    const spec = join(tempDir(), file);
    writeFileSync(spec, nest(100_000));
    expectRefused(spec, /nests .*more than 256 levels/);
  });

  it("accepts a schema nested as deep as the limit allows, and its output compiles", () => {
    const spec = join(tempDir(), "deep.yaml");
    let schema = "{ type: string }";
    for (let level = 0; level < 100; level++) schema = `{ type: object, properties: { p: ${schema} } }`;
    writeFileSync(spec, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    Deep: ${schema}\n`);
    const result = generate(spec);
    expect(result.status, result.stderr).toBe(0);
    const check = runTsc(["--noEmit", "--strict", "--skipLibCheck", "--target", "ES2022", "--module", "NodeNext", "--moduleResolution", "NodeNext", join(result.out, "models.ts")]);
    expect(check.stdout).toBe("");
  });
});

describe("references that resolve only through the prototype", () => {
  it.each(["__proto__", "constructor", "toString"])("refuses a $ref to components/schemas/%s when no such schema is written", (name) => {
    const spec = join(tempDir(), "proto.yaml");
    writeFileSync(spec, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: object, properties: { c: { $ref: "#/components/schemas/${name}" } } }\n`);
    expectRefused(spec, /unresolved reference: \$ref "#\/components\/schemas\/.+" points to nothing/);
  });
});

describe("names openapi-typescript cannot reference", () => {
  // A `%` with no escape after it, and escapes that are not UTF-8 (a lone continuation byte, a cut sequence).
  it.each(["%", "100%", "%A0", "a%E2%82"])("refuses a property name %j that does not percent-decode, naming it and where it is", (name) => {
    const spec = join(tempDir(), "percent.yaml");
    writeFileSync(spec, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: array, items: { type: object, properties: { "${name}": { type: object, properties: { a: { type: string } } } } } }\n`);
    const result = generate(spec);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot generate types for a name containing "%": ${JSON.stringify(name)}`);
    expect(result.stderr).toContain(`percent.yaml:6 at #/components/schemas/A/items/properties/${name.replaceAll("%", "%25")}`);
    expect(result.wrote).toBe(false);
  });
});

describe("schemas made only of references to each other", () => {
  it.each([
    ["two bare $refs", "A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }"],
    ["a self-reference", "A: { $ref: '#/components/schemas/A' }"],
    ["allOf", "A: { allOf: [{ $ref: '#/components/schemas/B' }] }\n    B: { $ref: '#/components/schemas/A' }"],
    ["array items", "A: { type: array, items: { $ref: '#/components/schemas/A' } }"],
  ])("refuses %s with exit 2, naming the cycle", (_name, schemas) => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const spec = join(dir, "cycle.yaml");
    writeFileSync(spec, `${HEAD}paths: {}\ncomponents:\n  schemas:\n    ${schemas}\n`);
    expectRefused(spec, /refer to each other only through .*#\/components\/schemas\/A/);
  });
});
