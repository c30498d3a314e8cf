import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/**
 * The pipeline reads top to bottom: `cli → pipeline → output → format → emit → ir → load`, with
 * shared leaves (`errors`, `config`, small utilities) below them all. A file may import its own
 * stage or any stage below it, never one above; a leaf imports only leaves.
 */
const STAGES = ["cli", "pipeline", "output", "format", "emit", "ir", "load"] as const;
const LEAVES = new Set(["errors", "config", "own", "require"]);

/** The stage a file under src/ belongs to: its top folder, or its name for files at the top. */
function stageOf(file: string): string {
  const first = relative(join(ROOT, "src"), file).split(sep)[0] ?? "";
  return first.replace(/\.ts$/, "");
}

/** Depth in the pipeline: 0 for leaves, then upwards from `load`. */
function rankOf(stage: string): number {
  if (LEAVES.has(stage)) return 0;
  const index = STAGES.indexOf(stage as (typeof STAGES)[number]);
  if (index < 0) throw new Error(`src/${stage} is in no stage: add it to STAGES or LEAVES`);
  return STAGES.length - index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : [];
  });
}

/** Every relative import (static, dynamic and type-only) of a file, resolved to the file it names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((match) => match[1] ?? "");
  return specifiers.map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, ".ts"));
}

describe("imports in src/ run down the pipeline", () => {
  const files = sourceFiles(join(ROOT, "src"));

  it("reads the imports it judges", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf(join(ROOT, "src", "pipeline.ts"))).toContain(join(ROOT, "src", "format", "format.ts"));
  });

  it("has no import from a stage to a later one", () => {
    const backwards: string[] = [];
    for (const file of files) {
      const from = stageOf(file);
      for (const target of importsOf(file)) {
        const to = stageOf(target);
        if (rankOf(to) > rankOf(from)) backwards.push(`${relative(ROOT, file)} (${from}) imports ${relative(ROOT, target)} (${to})`);
      }
    }
    expect(backwards).toEqual([]);
  });
});
