import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { format } from "prettier";
import { withoutHeader } from "../src/output/header.js";
import { planOutput } from "../src/output/plan.js";
import { applyPlans } from "../src/output/write.js";
import { PRETTIER_OPTIONS } from "../src/format/format.js";
import { ROOT, VALID_FIXTURES, renderFolder, runTsc, snapshotDir } from "./helpers.js";

const GOLDEN = join(ROOT, "test", "golden");
/** Files in test/golden that are not generated output. */
const GOLDEN_INFRASTRUCTURE = new Set(["tsconfig.json"]);
/**
 * A golden holds what its API adds. The runtime, copied verbatim into every output, is tested once
 * where it lives: each golden's `runtime` is a link to templates/runtime, and `runtime.txt` lists
 * the runtime files that output includes.
 */
const RUNTIME_LINK = "../../../templates/runtime";
const RUNTIME_LISTING = "runtime.txt";
const isRuntime = (path: string) => path.startsWith("runtime/");

describe.each(VALID_FIXTURES)("golden output of %s", (name, spec) => {
  it("matches the committed golden byte for byte, with no orphaned golden files", async () => {
    const outDir = join(GOLDEN, name);
    const { files } = await renderFolder(join(ROOT, spec), outDir);
    const [runtime, own] = [files.filter((file) => isRuntime(file.path)), files.filter((file) => !isRuntime(file.path))];
    const listing = runtime.map((file) => file.path.slice("runtime/".length)).sort().join("\n") + "\n";
    if (process.env.UPDATE_GOLDEN === "1") {
      applyPlans([{ dir: outDir, plan: planOutput(outDir, own) }]);
      writeFileSync(join(outDir, RUNTIME_LISTING), listing);
    }
    const committed = new Map([...snapshotDir(outDir)].filter(([path]) => !isRuntime(path) && path !== RUNTIME_LISTING));
    expect([...committed.keys()].sort()).toEqual(own.map((file) => file.path).sort());
    for (const file of own) expect(committed.get(file.path), file.path).toBe(file.content);
    expect(readFileSync(join(outDir, RUNTIME_LISTING), "utf8")).toBe(listing);
    expect(readlinkSync(join(outDir, "runtime"))).toBe(RUNTIME_LINK);
    // Each runtime file is its template, under the generated header line.
    for (const file of runtime) expect(withoutHeader(file.content), file.path).toBe(readFileSync(join(ROOT, "templates", file.path), "utf8"));
  });

  it("is prettier-clean with the tool's pinned options", async () => {
    for (const [path, content] of snapshotDir(join(GOLDEN, name))) {
      if (isRuntime(path) || path === RUNTIME_LISTING) continue;
      expect(await format(content, PRETTIER_OPTIONS), path).toBe(content);
    }
  });
});

describe("the runtime (templates/runtime), copied verbatim into every output", () => {
  it("is prettier-clean with the tool's pinned options", async () => {
    for (const [path, content] of snapshotDir(join(ROOT, "templates", "runtime"))) {
      if (!path.endsWith(".ts")) continue;
      expect(await format(content, PRETTIER_OPTIONS), path).toBe(content);
    }
  });
});

describe("the golden folder", () => {
  it("holds a golden for each valid fixture and nothing else", () => {
    const entries = readdirSync(GOLDEN).filter((entry) => !GOLDEN_INFRASTRUCTURE.has(entry));
    expect(entries.sort()).toEqual(VALID_FIXTURES.map(([name]) => name).sort());
  });

  it("type-checks with tsc --strict and no exclusion list", () => {
    const result = runTsc(["-p", join(GOLDEN, "tsconfig.json")]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("the fixtures folder", () => {
  it("has every valid spec registered as a golden fixture", () => {
    const specs = readdirSync(join(ROOT, "fixtures"), { withFileTypes: true })
      .filter((entry) => entry.name !== "invalid")
      .map((entry) => (entry.isDirectory() ? `fixtures/${entry.name}/openapi.yaml` : `fixtures/${entry.name}`));
    expect(specs.sort()).toEqual(VALID_FIXTURES.map(([, spec]) => spec).sort());
  });
});
