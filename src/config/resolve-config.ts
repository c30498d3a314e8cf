import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { CodegenError } from "../errors.js";

/** Every option, normalized once; commands read only this. */
export interface ResolvedConfig {
  /** Absolute path of the root spec file. */
  specPath: string;
  /** Absolute path of the output folder. */
  outDir: string;
  allowRemoteRefs: boolean;
  quiet: boolean;
  /** List each operation's undeclared statuses, not only their count. */
  verbose: boolean;
  /** Starting handler files (`--scaffold`), when asked for: where, and how they import the server. */
  scaffold: { dir: string; serverImport: string } | undefined;
}

export interface RawOptions {
  out?: string;
  allowRemoteRefs?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  scaffold?: string;
}

export function resolveConfig(spec: string, options: RawOptions, cwd = process.cwd()): ResolvedConfig {
  if (options.out === undefined || options.out.trim() === "") {
    throw new CodegenError("missing output folder", { hint: "pass -o <dir>, e.g. -o src/api" });
  }
  const specPath = resolveSpecPath(spec, cwd);
  const outDir = resolve(cwd, options.out);
  if (outDir === resolve("/") || outDir === cwd) {
    throw new CodegenError(`refusing to use ${JSON.stringify(options.out)} as the output folder`, {
      hint: "generate into a folder of its own, e.g. -o src/api",
    });
  }
  return {
    specPath,
    outDir,
    allowRemoteRefs: options.allowRemoteRefs === true,
    quiet: options.quiet === true,
    verbose: options.verbose === true,
    scaffold: scaffoldOf(options.scaffold, outDir, cwd),
  };
}

function scaffoldOf(option: string | undefined, outDir: string, cwd: string): ResolvedConfig["scaffold"] {
  if (option === undefined) return undefined;
  const dir = resolve(cwd, option);
  return { dir, serverImport: serverImportPath(dir, outDir) };
}

/** The import specifier of the generated server from the scaffold folder (`../api/server/index.js`). */
function serverImportPath(scaffoldDir: string, outDir: string): string {
  const inside = relative(outDir, scaffoldDir);
  if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside))) {
    throw new CodegenError("the scaffold folder is inside the output folder", {
      hint: "keep your handlers outside the generated folder, e.g. --scaffold src/handlers -o src/api",
    });
  }
  const path = relative(scaffoldDir, join(outDir, "server", "index.js")).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

export function resolveSpecPath(spec: string, cwd = process.cwd()): string {
  return resolve(cwd, spec);
}
