import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, snapshotDir, tempDir } from "./helpers.js";

describe("determinism", () => {
  it("yields identical bytes from two different absolute locations and working directories", () => {
    const outputs = ["first", "second-with-a-longer/nested path"].map((where) => {
      const project = join(tempDir(), where);
      mkdirSync(project, { recursive: true });
      cpSync(join(ROOT, "fixtures", "multi-file"), join(project, "spec"), { recursive: true });
      // One run from the project root with relative paths, one from elsewhere with absolute paths.
      const result =
        where === "first"
          ? runCli(["spec/openapi.yaml", "-o", "gen"], project)
          : runCli([join(project, "spec", "openapi.yaml"), "-o", join(project, "gen")], tempDir());
      expect(result.status, result.stderr).toBe(0);
      return snapshotDir(join(project, "gen"));
    });
    expect(outputs[0]?.size).toBeGreaterThan(0);
    expect(outputs[1]).toEqual(outputs[0]);
    for (const content of outputs[0]?.values() ?? []) {
      expect(content).not.toMatch(/\/tmp\/|codegen-test-|\d{4}-\d{2}-\d{2}T\d{2}/);
    }
  });
});
