import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/**
 * The pipeline reads top to bottom: `cli → pipeline → diff → mock → output → format → emit → ir → load`, with
 * shared leaves (`errors`, `config`, small utilities) below them all. A file may import its own
 * stage or any stage below it, never one above; a leaf imports only leaves.
 */
const STAGES = ["cli", "pipeline", "diff", "mock", "output", "format", "emit", "ir", "load"] as const;
const LEAVES = new Set(["errors", "config", "own", "internals", "code-cache", "pointer", "display-path", "printable"]);

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

describe("the IR is the only road to the spec", () => {
  it("emitters, the format stage and the output stage import nothing from load but types", () => {
    const reaching: string[] = [];
    for (const stage of ["emit", "format", "output"]) {
      for (const file of sourceFiles(join(ROOT, "src", stage))) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(/^import (type )?[^;]*?from "(\.{1,2}\/[^"]+)"/gm)) {
          const target = resolve(dirname(file), match[2] ?? "");
          if (stageOf(target) === "load" && match[1] === undefined) reaching.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
        }
      }
    }
    expect(reaching).toEqual([]);
  });
});

describe("the runtime's folders", () => {
  const runtime = join(ROOT, "templates", "runtime");
  const folderOf = (file: string) => relative(runtime, file).split(sep)[0] ?? "";

  it("import each other without a cycle", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles(runtime)) {
      for (const target of importsOf(file)) {
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from === to || to.endsWith(".ts") || from.endsWith(".ts")) continue;
        edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(edges.get(from) ?? [])].some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
    for (const [from, targets] of edges) for (const to of targets) if (reaches(to, from)) cycles.push(`${from} → ${to} → … → ${from}`);
    expect(edges.size).toBeGreaterThan(0);
    expect(cycles).toEqual([]);
  });
});

describe("code size", () => {
  const files = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "templates", "runtime"))];

  it("has no function over 80 lines", async () => {
    const { default: ts } = await import("typescript");
    const long: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      const visit = (node: import("typescript").Node): void => {
        if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.end).line;
          if (end - start + 1 > 80) long.push(`${relative(ROOT, file)}:${start + 1} (${end - start + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it("has no file over 400 lines unless its opening comment says why", () => {
    const long = files.filter((file) => {
      const text = readFileSync(file, "utf8");
      return text.split("\n").length > 400 && !/^\/\/ Over 400 lines by design: \S/.test(text);
    });
    expect(long.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
