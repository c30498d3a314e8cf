import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 600_000, env: { ...process.env, npm_config_loglevel: "error", npm_config_fund: "false", npm_config_audit: "false" } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * The package as users install it: `npm pack`, installed into an empty project outside this
 * repository (so nothing resolves from our node_modules), run there, and its client-only output
 * type-checked with only `typescript` beside it.
 */
describe("the installable package", () => {
  // `--ignore-scripts`: `npm test` built dist/ already, and rebuilding it here would pull it from
  // under the tests running beside this one.
  it("packs, installs into an empty project, generates a client there that type-checks with only typescript", { timeout: 900_000 }, () => {
    const packs = tempDir("codegen-pack-");
    const packed = run("npm", ["pack", "--ignore-scripts", "--pack-destination", packs, "--json"], ROOT);
    expect(packed.status, packed.output).toBe(0);
    const [tarball] = readdirSync(packs).filter((name) => name.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const listing = JSON.parse(packed.output.slice(packed.output.indexOf("["), packed.output.lastIndexOf("]") + 1)) as Array<{ files: Array<{ path: string }> }>;
    const files = (listing[0]?.files ?? []).map((file) => file.path);
    for (const needed of ["bin/codegen.js", "dist/cli/bundle.js", "templates/runtime/client/call.ts", "templates/server/router.ts.hbs", "codegen.config.schema.json", "diff-report.schema.json", "README.md", "package.json"]) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((path) => /^(src|test|fixtures|bench)\//.test(path))).toEqual([]);

    const app = tempDir("codegen-app-");
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    const typescript = JSON.parse(readFileSync(join(ROOT, "node_modules", "typescript", "package.json"), "utf8")) as { version: string };
    const installed = run("npm", ["install", "--save-dev", join(packs, tarball ?? ""), `typescript@${typescript.version}`], app);
    expect(installed.status, installed.output).toBe(0);

    // Installed under its own name, with the command users type.
    const manifest = JSON.parse(readFileSync(join(app, "node_modules", "contract-codegen", "package.json"), "utf8")) as { name: string; bin: Record<string, string> };
    expect(manifest.name).toBe("contract-codegen");
    expect(JSON.parse(readFileSync(join(app, "package.json"), "utf8")).devDependencies).toHaveProperty("contract-codegen");
    expect(run("npx", ["--no-install", "contract-codegen", "--version"], app).output.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const generated = run("npx", ["--no-install", "codegen", join(ROOT, "fixtures", "users.yaml"), "-o", "src/api", "--target", "client"], app);
    expect(generated.status, generated.output).toBe(0);
    expect(generated.output).toMatch(/codegen: \d+ written, 0 unchanged, 0 removed · 7 operations · client/);
    expect(readdirSync(join(app, "src", "api")).sort()).toEqual(["client", "index.ts", "models.ts", "operations.ts", "runtime", "types.ts"]);

    writeFileSync(
      join(app, "src", "main.ts"),
      [
        'import { createClient, getUser, NotFoundError } from "./api/client/index.js";',
        'const client = createClient({ baseUrl: "https://example.com/v1", auth: { bearerAuth: "t" } });',
        "export async function name(): Promise<string | undefined> {",
        "  try {",
        "    return (await getUser(client, { path: { userId: 1 } })).data.name;",
        "  } catch (error) {",
        "    if (error instanceof NotFoundError) return undefined;",
        "    throw error;",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const compilerOptions = { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [] };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
    const checked = run(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], app);
    expect(checked.output.trim()).toBe("");
    expect(checked.status).toBe(0);
    // The client needed neither Node's types nor a server framework.
    expect(existsSync(join(app, "node_modules", "@types", "node"))).toBe(false);
    expect(existsSync(join(app, "node_modules", "express"))).toBe(false);
  });
});
