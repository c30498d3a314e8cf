import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_SPEC_BYTES, parseSpecText, readSpecBytes } from "../../src/load/read.js";

const readSpecFile = (path: string) => parseSpecText(readSpecBytes(path), path);
import { CodegenError } from "../../src/errors.js";
import { tempDir } from "../helpers.js";

function failure(run: () => unknown): CodegenError {
  try {
    run();
  } catch (error) {
    if (error instanceof CodegenError) return error;
    throw error;
  }
  throw new Error("expected a CodegenError");
}

describe("readSpecFile", () => {
  it("refuses a file over the size cap before reading it", () => {
    const path = join(tempDir(), "huge.yaml");
    writeFileSync(path, "");
    truncateSync(path, MAX_SPEC_BYTES + 1);
    expect(failure(() => readSpecFile(path)).message).toMatch(/over the limit/);
  });

  it("refuses a folder and a missing file with a hint", () => {
    const dir = tempDir();
    expect(failure(() => readSpecFile(dir)).message).toMatch(/is a folder/);
    const missing = failure(() => readSpecFile(join(dir, "nope.yaml")));
    expect(missing.message).toMatch(/cannot read the spec: ENOENT/);
    expect(missing.hint).toMatch(/check that the path exists/);
  });
});

describe("parseSpecText", () => {
  const parse = (text: string, name = "spec.yaml") => parseSpecText(Buffer.from(text), name);

  it("reads YAML tags as plain data, never as code", () => {
    const value = parse("a: !!js/function 'function () { return 1 }'\nb: !custom x\n") as Record<string, unknown>;
    expect(typeof value.a).toBe("string");
    expect(value.b).toBe("x");
  });

  it("keeps a __proto__ key as data", () => {
    const value = parse("__proto__:\n  polluted: true\n") as object;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("refuses duplicate keys in YAML with the line", () => {
    const error = failure(() => parse("a: 1\nb: 2\na: 3\n"));
    expect(error.message).toMatch(/invalid YAML: Map keys must be unique/);
    expect(error.location.line).toBe(3);
  });

  it("locates JSON syntax errors", () => {
    const error = failure(() => parse('{\n  "a": 1\n} x\n', "spec.json"));
    expect(error.message).toMatch(/invalid JSON/);
    expect(error.location.line).toBe(3);
  });

  it("strips a byte-order mark", () => {
    expect(parse("\uFEFFopenapi: 3.1.0\n")).toEqual({ openapi: "3.1.0" });
  });
});
