import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localTempDir, runCli, runTsc } from "../helpers.js";
import { SPECS_DIR, allSpecs, isSwagger2 } from "./specs.js";

const specs = allSpecs();

describe("the real specs in ../shared/specs", () => {
  it("are there to test", () => {
    expect(specs.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(specs)("%s", (name) => {
    it("generates, and the output type-checks with tsc --strict", () => {
      // Inside the repository, so the generated server resolves express and ajv.
      const dir = localTempDir();
      const generated = runCli([join(SPECS_DIR, name), "-o", "api"], dir);
      expect(generated.status, generated.stderr).toBe(0);
      // A Swagger 2.0 document is converted first, and the summary says so.
      const note = /^note: .*converted from Swagger 2\.0 to OpenAPI 3\.0 by swagger2openapi$/m;
      if (isSwagger2(name)) expect(generated.stdout).toMatch(note);
      else expect(generated.stdout).not.toMatch(note);
      const compilerOptions = { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", types: [] };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["api/**/*.ts"] }));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      const checked = runTsc(["-p", join(dir, "tsconfig.json")]);
      expect(checked.stdout + checked.stderr).toBe("");
      expect(checked.status).toBe(0);
      const check = runCli(["check", join(SPECS_DIR, name), "-o", "api"], dir);
      expect(check.status, check.stderr).toBe(0);
    });
  });
});
