import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runCli, type CliResult } from "../helpers.js";

/** The compiler options strict projects turn on, beyond `strict` (each one fails some generators' output). */
export const STRICTEST = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
} as const;

/** A user's project folder: `type` is `"module"` for an ESM package, `"commonjs"` for a CommonJS one. */
export function writePackage(dir: string, type: "module" | "commonjs"): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "sample", private: true, type }));
}

/** Writes `tsconfig.<name>.json` into the project (checking `api/**` only) and returns its path. */
export function writeTsconfig(dir: string, name: string, compilerOptions: Record<string, unknown>): string {
  const path = join(dir, `tsconfig.${name}.json`);
  writeFileSync(path, JSON.stringify({ compilerOptions: { noEmit: true, ...compilerOptions }, include: ["api/**/*.ts"] }, null, 2));
  return path;
}

/** Generates `spec` into `api/<name>` of the project folder; throws with the CLI's output when it fails. */
export function generateInto(dir: string, name: string, spec: string, args: string[] = []): void {
  const result = runCli([spec, "-o", join("api", name), "--quiet", ...args], dir);
  if (result.status !== 0) throw new Error(`codegen failed for ${name}: ${result.stderr}`);
}

/** Runs a TypeScript compiler (`tscPath`) on a tsconfig; its output is empty when the project type-checks. */
export function typeCheck(tsconfig: string, tscPath: string): CliResult {
  const result = spawnSync(process.execPath, [tscPath, "-p", tsconfig], { encoding: "utf8", timeout: 600_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Packages installed once into `.tmp/packages/<folder>` from the npm registry (a TypeScript
 * release users still have, say), for tests that need it beside the project's own; returns the
 * folder holding its node_modules.
 */
export function installedPackage(folder: string, ...specs: string[]): string {
  const dir = join(ROOT, ".tmp", "packages", folder);
  const marker = join(dir, "node_modules", ".installed");
  if (existsSync(marker)) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `sample-${folder}`, private: true }));
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], { cwd: dir, encoding: "utf8", timeout: 300_000 });
  if (npm.status !== 0) throw new Error(`npm install ${specs.join(" ")} failed: ${npm.stderr}`);
  writeFileSync(marker, "");
  return dir;
}
