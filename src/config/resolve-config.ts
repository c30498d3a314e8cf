import { resolve } from "node:path";
import { CodegenError } from "../cli/errors.js";
import { serverImportPath } from "../output/scaffold.js";

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
  /** Absolute path of the folder for starting handler files (`--scaffold`), when asked for. */
  scaffoldDir: string | undefined;
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
    scaffoldDir: scaffoldDir(options.scaffold, outDir, cwd),
  };
}

function scaffoldDir(option: string | undefined, outDir: string, cwd: string): string | undefined {
  if (option === undefined) return undefined;
  const dir = resolve(cwd, option);
  serverImportPath(dir, outDir);
  return dir;
}

export function resolveSpecPath(spec: string, cwd = process.cwd()): string {
  return resolve(cwd, spec);
}
