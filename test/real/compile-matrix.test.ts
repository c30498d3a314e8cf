import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TSC, localTempDir } from "../helpers.js";
import { STRICTEST, generateInto, installedPackage, typeCheck, writePackage, writeTsconfig } from "../project/sample-project.js";
import { SPECS_DIR } from "./specs.js";

/**
 * A large real spec's output (DigitalOcean: readOnly/writeOnly markers, deep schemas, 600-odd
 * operations) in the projects of test/project/compile-matrix.test.ts: the strictest flags, the
 * oldest TypeScript supported, and a client-only frontend without Node types.
 */
const SPEC = join(SPECS_DIR, "digitalocean-bundled.yaml");
const withoutErasable = (({ erasableSyntaxOnly: _, ...rest }) => rest)(STRICTEST);

describe("DigitalOcean's output compiles in the projects users have", () => {
  let esm = "";
  let frontend = "";
  beforeAll(() => {
    esm = localTempDir("real-matrix-");
    frontend = localTempDir("real-matrix-frontend-");
    writePackage(esm, "module");
    writePackage(frontend, "module");
    generateInto(esm, "digitalocean", SPEC);
    generateInto(frontend, "digitalocean", SPEC, ["--target", "client"]);
  }, 300_000);

  it("module nodenext with the strictest flags, on the latest TypeScript", () => {
    const options = { ...STRICTEST, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", skipLibCheck: true, types: ["node"] };
    const checked = typeCheck(writeTsconfig(esm, "nodenext", options), TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it("module bundler with the strictest flags it knows, on TypeScript 5.0", () => {
    const tsc = join(installedPackage("typescript-5.0", "typescript@5.0.4"), "node_modules", "typescript", "bin", "tsc");
    const options = { ...withoutErasable, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", skipLibCheck: true, types: ["node"] };
    const checked = typeCheck(writeTsconfig(esm, "ts50", options), tsc);
    expect(checked.stdout + checked.stderr).toBe("");
  });

  it("the client alone, without Node types", () => {
    const options = { ...STRICTEST, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] };
    const checked = typeCheck(writeTsconfig(frontend, "browser", options), TSC);
    expect(checked.stdout + checked.stderr).toBe("");
  });
});
