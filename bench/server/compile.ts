/**
 * Compiles what `bench:server` runs to JavaScript, as users ship it: every generated output's
 * TypeScript transpiled beside it (`.js`), and `serve.ts`, `pipeline.ts` and `ready.ts` (with the hand-written
 * servers) bundled into `.tmp/bench-server/` (two folders under the root, as the sources are, so
 * their root still resolves), their packages left to `node_modules`. Every server
 * then runs on plain `node`, without a TypeScript loader's transform or the `__name` helper it
 * wraps each function in, on our side and theirs alike.
 */
import { build, transform } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OUTPUTS, ROOT } from "./paths.js";

const TARGET = "node20";

/** Writes `<file>.js` beside every `.ts` file under `folder` (declaration files aside). */
async function transpileFolder(folder: string): Promise<void> {
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const { code } = await transform(readFileSync(file, "utf8"), { loader: "ts", format: "esm", target: TARGET });
    writeFileSync(file.replace(/\.ts$/, ".js"), code);
  }
}

/** Transpiles every output in `folders` and bundles the two entry points; resolves to their paths. */
export async function compileBench(folders: readonly string[]): Promise<{ serve: string; pipeline: string; ready: string }> {
  for (const folder of folders) await transpileFolder(`${OUTPUTS}${folder}`);
  const entries = { serve: `${ROOT}bench/server/serve.ts`, pipeline: `${ROOT}bench/server/pipeline.ts`, ready: `${ROOT}bench/server/ready.ts` };
  await build({
    entryPoints: entries,
    outdir: OUTPUTS,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Each server module its own chunk, imported when that server starts (see servers.ts).
    splitting: true,
    platform: "node",
    format: "esm",
    target: TARGET,
    packages: "external",
    logLevel: "warning",
  });
  return { serve: `${OUTPUTS}serve.mjs`, pipeline: `${OUTPUTS}pipeline.mjs`, ready: `${OUTPUTS}ready.mjs` };
}
