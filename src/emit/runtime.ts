import type { GeneratedFile } from "./generated-file.js";
import { readRuntimeFile } from "./templates.js";

/** Runtime modules: real, tested TypeScript under `templates/runtime/`, copied verbatim. */
const RUNTIME_FILES = ["path.ts"] as const;

export function emitRuntime(): GeneratedFile[] {
  return RUNTIME_FILES.map((name) => ({ path: `runtime/${name}`, content: readRuntimeFile(name) }));
}
