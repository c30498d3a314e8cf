import { posix } from "node:path";
import type { TextFile } from "./generated-file.js";
import type { ImportExtension } from "../config/resolve-config.js";
import { readRuntimeFile } from "./templates.js";

/**
 * The runtime modules the given output files need: those they import (paths under `runtime/`),
 * and what those import in turn. Runtime modules are real, tested TypeScript under
 * `templates/runtime/`, copied verbatim but for the extension of their relative specifiers; they
 * are kept in the pinned prettier layout (`templates/runtime/.prettierrc.json`, checked by a
 * test), so they skip the format stage. Returned in path order, with paths from the runtime root.
 */
export function emitRuntime(imports: Iterable<string>, extension: ImportExtension): TextFile[] {
  const files = new Map<string, TextFile>();
  const pending = [...imports].filter((path) => path.startsWith("runtime/")).map((path) => path.slice("runtime/".length));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (files.has(path)) continue;
    const source = readRuntimeFile(path);
    const imported = localImports(path, source);
    files.set(path, {
      path,
      content: extension === ".js" ? source : withExtension(source, extension),
      formatted: true,
      imports: imported,
    });
    pending.push(...imported);
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * The relative specifier of each import and re-export in a runtime module, with the offset just
 * past it. Runtime modules are ours and prettier-formatted: every such statement starts a line and
 * names its module in double quotes (a test holds this against TypeScript's own reading).
 */
function relativeSpecifiers(source: string): Array<{ specifier: string; end: number }> {
  const found: Array<{ specifier: string; end: number }> = [];
  for (const match of source.matchAll(/^(?:import|export)\b[^;"]*"(\.\.?\/[^"]*)"/gm)) {
    found.push({ specifier: match[1] as string, end: (match.index as number) + match[0].length - 1 });
  }
  return found;
}

/** The runtime modules a runtime module imports or re-exports from (its `./` and `../` specifiers), from the runtime root. */
function localImports(path: string, source: string): string[] {
  return relativeSpecifiers(source).map(({ specifier }) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}

/** The source with each relative specifier's `.js` turned into `extension` (same length, so the layout holds). */
function withExtension(source: string, extension: ImportExtension): string {
  let result = "";
  let at = 0;
  for (const { specifier, end } of relativeSpecifiers(source)) {
    if (!specifier.endsWith(".js")) continue;
    result += source.slice(at, end - 3) + extension;
    at = end;
  }
  return result + source.slice(at);
}
