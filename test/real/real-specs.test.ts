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
    if (isSwagger2(name)) {
      it("is refused with exit 2 and a 'not supported yet' message", () => {
        const result = runCli(["validate", join(SPECS_DIR, name)]);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/Swagger "2\.0" is not supported yet/);
        expect(result.stderr).toMatch(/fix: convert the document to OpenAPI 3\.0/);
      });
      return;
    }
    it("generates, and the output type-checks with tsc --strict", () => {
      // Inside the repository, so the generated server resolves express and ajv.
      const dir = localTempDir();
      const generated = runCli([join(SPECS_DIR, name), "-o", "api", "--quiet"], dir);
      expect(generated.stderr).toBe("");
      expect(generated.status).toBe(0);
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
