import { linkSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { CodegenError } from "../errors.js";
import { displayPath } from "../display-path.js";
import type { OutputPlan } from "./plan.js";

/**
 * Applies the plans of one run's folders all or nothing. New contents are first written to temporary files beside their
 * targets; the files being replaced or removed are kept as hard-linked backups; only then are the
 * temporary files renamed into place and the removals made. Any failure puts back every file as
 * it was and deletes what was staged, so the previous output stays intact.
 */
export function applyPlans(folders: ReadonlyArray<{ dir: string; plan: OutputPlan }>): void {
  const token = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staged: Array<{ temp: string; target: string }> = [];
  const backups: Array<{ backup: string; target: string }> = [];
  const placed: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const change of changesOf(folders)) {
      const target = change.path;
      createdDirs.push(...makeDirs(dirname(target)));
      const temp = join(dirname(target), `.${basename(target)}.codegen-${token}.tmp`);
      writeFileSync(temp, change.after, { flag: "wx" });
      staged.push({ temp, target });
    }
    const replaced = [
      ...changesOf(folders).filter((change) => change.before !== undefined).map((change) => change.path),
      ...removalsOf(folders),
    ];
    for (const target of replaced) {
      const backup = join(dirname(target), `.${basename(target)}.codegen-${token}.bak`);
      linkSync(target, backup);
      backups.push({ backup, target });
    }
    for (const { temp, target } of staged) {
      renameSync(temp, target);
      placed.push(target);
    }
    for (const target of removalsOf(folders)) rmSync(target);
  } catch (error) {
    rollBack(staged, backups, placed, createdDirs);
    throw new CodegenError(`could not write the output: ${(error as Error).message}`, {
      location: { file: folders.map((folder) => displayPath(folder.dir)).join(", ") },
      hint: "check that the output folders are writable; nothing was changed",
      cause: error,
    });
  }
  for (const { backup } of backups) rmSync(backup, { force: true });
}

/** Every change of every folder, by absolute path. */
function changesOf(folders: ReadonlyArray<{ dir: string; plan: OutputPlan }>): Array<{ path: string; before: string | undefined; after: string }> {
  return folders.flatMap(({ dir, plan }) => plan.changes.map((change) => ({ ...change, path: join(dir, change.path) })));
}

/** Every file to remove, by absolute path. */
function removalsOf(folders: ReadonlyArray<{ dir: string; plan: OutputPlan }>): string[] {
  return folders.flatMap(({ dir, plan }) => plan.removals.map((removal) => join(dir, removal.path)));
}

function rollBack(
  staged: Array<{ temp: string; target: string }>,
  backups: Array<{ backup: string; target: string }>,
  placed: string[],
  createdDirs: string[],
): void {
  const restored = new Set<string>();
  for (const { backup, target } of backups) {
    try {
      // A backup still linked to its untouched target is just dropped (rename between two links of
      // one file does nothing); otherwise it goes back into place.
      if (sameFile(backup, target)) rmSync(backup);
      else renameSync(backup, target);
      restored.add(target);
    } catch {
      // best effort: leave the backup for the user rather than lose it
    }
  }
  for (const target of placed) if (!restored.has(target)) rmSync(target, { force: true });
  for (const { temp } of staged) rmSync(temp, { force: true });
  for (const dir of createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
}

function sameFile(a: string, b: string): boolean {
  try {
    const first = statSync(a);
    const second = statSync(b);
    return first.ino === second.ino && first.dev === second.dev;
  } catch {
    return false;
  }
}

/** Creates a folder and its missing parents; returns the ones it created, outermost first. */
function makeDirs(dir: string): string[] {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return [];
  const created: string[] = [];
  for (let current = dir; current.length >= first.length; current = dirname(current)) {
    created.unshift(current);
    if (current === first) break;
  }
  return created;
}
