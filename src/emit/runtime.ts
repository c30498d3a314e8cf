import { posix } from "node:path";
import { typescript } from "../internals.js";
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

/** The runtime modules a runtime module imports or re-exports from (its `./` and `../` specifiers), from the runtime root. */
function localImports(path: string, source: string): string[] {
  return typescript
    .preProcessFile(source, true, false)
    .importedFiles.map((reference) => reference.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}

/** The source with each relative specifier's `.js` turned into `extension` (same length, so the layout holds). */
function withExtension(source: string, extension: ImportExtension): string {
  let result = "";
  let at = 0;
  for (const reference of typescript.preProcessFile(source, true, false).importedFiles) {
    if (!reference.fileName.startsWith(".") || !reference.fileName.endsWith(".js")) continue;
    // `pos` is at the opening quote; the specifier's text follows it.
    const end = reference.pos + 1 + reference.fileName.length;
    if (source.slice(end - 3, end) !== ".js") continue;
    result += source.slice(at, end - 3) + extension;
    at = end;
  }
  return result + source.slice(at);
}
