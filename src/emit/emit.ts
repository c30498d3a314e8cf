import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile, TextFile } from "./generated-file.js";
import { emitClient } from "./client/client.js";
import { emitIndex } from "./index-file.js";
import { emitModels } from "./models.js";
import { emitOperations } from "./operations.js";
import { emitRuntime } from "./runtime.js";
import { emitServerHandlers } from "./server/handlers.js";
import { emitServerIndex } from "./server/index-file.js";
import { emitServerRouter } from "./server/router.js";
import { emitServerSchemas } from "./server/schemas.js";
import { emitTypes } from "./types.js";

/**
 * Every file of the output, in path order, each passed through `finish` (the format stage) as
 * soon as it is emitted, so one large file's intermediate state is gone before the next is made.
 * The runtime modules come last: those the other files import, and what those import.
 */
export async function emitAll(
  model: ApiModel,
  finish: (file: GeneratedFile) => Promise<TextFile>,
): Promise<TextFile[]> {
  const emitters: Array<() => GeneratedFile | GeneratedFile[] | Promise<GeneratedFile>> = [
    () => emitModels(model),
    () => emitOperations(model),
    () => emitIndex(model),
    () => emitClient(model),
    () => emitServerHandlers(model),
    () => emitServerRouter(model),
    () => emitServerSchemas(model),
    () => emitServerIndex(model),
    () => emitTypes(model),
  ];
  const files: TextFile[] = [];
  const imports = new Set<string>();
  for (const emit of emitters) {
    for (const file of [await emit()].flat()) {
      for (const path of file.imports ?? []) imports.add(path);
      files.push(await finish(file));
    }
  }
  for (const file of emitRuntime(imports)) files.push(await finish(file));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
