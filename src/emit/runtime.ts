import { posix } from "node:path";
import { typescript } from "../internals.js";
import type { TextFile } from "./generated-file.js";
import { readRuntimeFile } from "./templates.js";

/**
 * The runtime modules an output needs: those its files import, and what those import in turn.
 * Runtime modules are real, tested TypeScript under `templates/runtime/`, copied verbatim; they
 * are kept in the pinned prettier layout (`templates/runtime/.prettierrc.json`, checked by a
 * test), so they skip the format stage. Returned in path order.
 */
export function emitRuntime(imports: Iterable<string>): TextFile[] {
  const files = new Map<string, TextFile>();
  const pending = [...imports].filter((path) => path.startsWith("runtime/"));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (files.has(path)) continue;
    const content = readRuntimeFile(path.slice("runtime/".length));
    const imported = localImports(path, content);
    files.set(path, { path, content, formatted: true, imports: imported });
    pending.push(...imported);
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The output files a runtime module imports or re-exports from (its `./` and `../` specifiers). */
function localImports(path: string, content: string): string[] {
  return typescript
    .preProcessFile(content, true, false)
    .importedFiles.map((reference) => reference.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}
