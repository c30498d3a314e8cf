import { resolveApi, type ApiOptions } from "../src/config/resolve-config.js";
import type { TextFile } from "../src/emit/generated-file.js";
import type { ApiModel } from "../src/ir/model.js";
import { foldersOf, renderApi } from "../src/pipeline.js";
import { spawn, spawnSync, type ChildProcess, type SpawnOptions, type SpawnSyncOptionsWithStringEncoding } from "node:child_process";
import { NO_CODE_FROM_STRINGS } from "../vitest.config.js";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** What generating `spec` into `outDir` writes there (with the output's own runtime), rendered in memory. */
export async function renderFolder(spec: string, outDir: string, options: ApiOptions = {}): Promise<{ model: ApiModel; files: TextFile[] }> {
  const rendered = await renderApi(resolveApi(spec, { out: outDir, ...options }, ROOT), undefined);
  const [folder] = foldersOf([rendered], undefined);
  return { model: rendered.model, files: folder?.files ?? [] };
}

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * A TypeScript file run in one Node process, with tsx as a loader. tsx's own CLI runs the script
 * in a second process, which a kill of the first (`SIGKILL` cannot be passed on) leaves running.
 */
export function spawnTypeScript(script: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], options);
}

/** `spawnTypeScript`, waited for. */
export function runTypeScript(script: string, args: readonly string[], options: SpawnSyncOptionsWithStringEncoding) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], options);
}
export const CLI = join(ROOT, "bin", "codegen.js");

/** The environment of a child server: as strict as this process (`--disallow-code-generation-from-strings` when it has it). */
export function childEnv(): NodeJS.ProcessEnv {
  const strict = process.execArgv.includes(NO_CODE_FROM_STRINGS);
  return { ...process.env, NODE_OPTIONS: strict ? NO_CODE_FROM_STRINGS : "" };
}
export const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** Valid fixtures: [name, spec path from the repository root]. Each has a golden in test/golden/<name>. */
export const VALID_FIXTURES: ReadonlyArray<readonly [string, string]> = [
  ["users", "fixtures/users.yaml"],
  ["payments", "fixtures/payments.yaml"],
  ["feed", "fixtures/feed.yaml"],
  ["petstore", "fixtures/petstore.yaml"],
  ["multi-file", "fixtures/multi-file/openapi.yaml"],
  ["recursive", "fixtures/recursive.yaml"],
  ["hostile", "fixtures/hostile/openapi.yaml"],
  ["validation", "fixtures/validation.yaml"],
  ["auth", "fixtures/auth.yaml"],
  ["limits", "fixtures/limits.yaml"],
  ["idempotency", "fixtures/idempotency.yaml"],
  ["hardening", "fixtures/hardening.yaml"],
  ["paths", "fixtures/paths.yaml"],
  ["catalog", "fixtures/catalog.yaml"],
];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, in `cwd`. */
export function runCli(args: string[], cwd = ROOT): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built CLI without blocking this process (for tests that serve requests meanwhile). */
export function runCliAsync(args: string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs the TypeScript compiler; returns its output (empty when the project type-checks). */
export function runTsc(args: string[]): CliResult {
  const result = spawnSync(process.execPath, [TSC, ...args], { encoding: "utf8", timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = "codegen-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A temporary folder inside the repository (`.tmp/`), where generated code resolves express, ajv, …. */
export function localTempDir(prefix = "codegen-test-"): string {
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, ".tmp", prefix));
  temporary.push(dir);
  return dir;
}

/** Every file under `dir` with its bytes, keyed by relative path with `/`; empty when `dir` is missing. */
export function snapshotDir(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (current: string) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) visit(full);
      else files.set(relative(dir, full).split(sep).join("/"), readFileSync(full, "utf8"));
    }
  };
  visit(dir);
  return files;
}

/**
 * The paths of every file a fixture's output holds, as its golden records them: the golden's own
 * files, and the runtime files its `runtime.txt` lists (the golden's `runtime/` is a link).
 */
export function goldenPaths(name: string): string[] {
  const dir = join(ROOT, "test", "golden", name);
  const own = [...snapshotDir(dir).keys()].filter((path) => !path.startsWith("runtime/") && path !== "runtime.txt");
  const runtime = readFileSync(join(dir, "runtime.txt"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => `runtime/${line}`);
  return [...own, ...runtime].sort();
}
