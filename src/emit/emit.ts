import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile, TextFile } from "./generated-file.js";
import { emitClient } from "./client/client.js";
import { emitIndex } from "./index-file.js";
import { emitModels } from "./models.js";
import { emitOperations } from "./operations.js";
import { emitServerHandlers } from "./server/handlers.js";
import { emitServerIndex } from "./server/index-file.js";
import { emitServerOpenapi, emitServerRouter } from "./server/router.js";
import { emitServerSchemas } from "./server/schemas.js";
import type { ServerAdapter, Target } from "../config/resolve-config.js";
import type { ImportLayout } from "./source-file.js";
import { emitTypes } from "./types.js";

export interface EmitOptions {
  targets: ReadonlySet<Target>;
  /** The framework of the server target. */
  server: ServerAdapter;
  /** `--docs`: the contract and its reference page, for the server's `docs: true`. */
  docs: boolean;
  layout: ImportLayout;
}

/**
 * The output's own files (not the runtime), in path order, each passed through `finish` (the
 * format stage) as soon as it is emitted, so one large file's intermediate state is gone before
 * the next is made. `types` is always there: the client and server are typed from it.
 */
export async function emitAll(
  model: ApiModel,
  options: EmitOptions,
  finish: (file: GeneratedFile) => Promise<TextFile>,
): Promise<TextFile[]> {
  const { targets, server, docs, layout } = options;
  const code = targets.has("client") || targets.has("server");
  const emitters: Array<() => GeneratedFile | GeneratedFile[] | Promise<GeneratedFile>> = [
    () => emitTypes(model),
    () => emitModels(model, layout),
    () => emitIndex(model, layout, code),
    ...(code ? [() => emitOperations(model, layout)] : []),
    ...(targets.has("client") ? [() => emitClient(model, layout)] : []),
    ...(targets.has("server")
      ? [
          () => emitServerHandlers(model, layout),
          () => emitServerRouter(model, layout, server, docs),
          ...(docs ? [() => emitServerOpenapi(model, layout)] : []),
          () => emitServerSchemas(model, layout, server),
          () => emitServerIndex(model, layout, server),
        ]
      : []),
  ];
  const files: TextFile[] = [];
  for (const emit of emitters) {
    for (const file of [await emit()].flat()) files.push(await finish(file));
  }
  return files.sort(byPath);
}

export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
