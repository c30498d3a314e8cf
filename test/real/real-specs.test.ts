import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, localTempDir, runCli, runTsc } from "../helpers.js";

/** Real public specs, read from ../shared/specs (never copied into the repository). */
const SPECS_DIR = join(ROOT, "..", "shared", "specs");
const specs = readdirSync(SPECS_DIR).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();

function isSwagger2(name: string): boolean {
  const text = readFileSync(join(SPECS_DIR, name), "utf8");
  return name.endsWith(".json") ? "swagger" in JSON.parse(text) : /^swagger\s*:/m.test(text);
}

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
