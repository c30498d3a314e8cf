import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TextFile } from "../emit/generated-file.js";
import { listOwnedFiles } from "./owned-files.js";
import { assertSafeOutputPath } from "./safe-path.js";

export interface FileChange {
  path: string;
  /** The content on disk now, or undefined when the file does not exist. */
  before: string | undefined;
  after: string;
}

/** What writing `files` into `outDir` would change. `check` reports it; `generate` applies it. */
export interface OutputPlan {
  changes: FileChange[];
  unchanged: string[];
  /** Files this tool wrote earlier that it no longer produces. */
  removals: Array<{ path: string; before: string }>;
}

export function planOutput(outDir: string, files: ReadonlyArray<TextFile>): OutputPlan {
  const plan: OutputPlan = { changes: [], unchanged: [], removals: [] };
  const produced = new Set<string>();
  for (const file of files) {
    assertSafeOutputPath(outDir, file.path);
    produced.add(file.path);
    const before = readIfExists(join(outDir, file.path));
    if (before === file.content) plan.unchanged.push(file.path);
    else plan.changes.push({ path: file.path, before, after: file.content });
  }
  for (const path of listOwnedFiles(outDir)) {
    if (!produced.has(path)) plan.removals.push({ path, before: readIfExists(join(outDir, path)) ?? "" });
  }
  return plan;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
