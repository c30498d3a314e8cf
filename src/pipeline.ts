import { relative, sep } from "node:path";
import type { ApiConfig, ImportExtension } from "./config/resolve-config.js";
import { byPath, emitAll } from "./emit/emit.js";
import type { GeneratedFile, TextFile } from "./emit/generated-file.js";
import { emitRuntime } from "./emit/runtime.js";
import { emitScaffold } from "./emit/scaffold.js";
import type { ImportLayout } from "./emit/source-file.js";
import { buildModel } from "./ir/build-model.js";
import type { ApiModel } from "./ir/model.js";
import { loadSpec, type LoadedSpec } from "./load/load.js";
import { emitMocks } from "./mock/msw.js";
import { withLine } from "./load/locate.js";
import { formatFile } from "./format/format.js";
import { withHeader } from "./output/header.js";

export interface RenderedApi {
  api: ApiConfig;
  model: ApiModel;
  /** The output folder's own files (not the runtime), with their headers, exactly as they would be written. */
  files: TextFile[];
  /** The runtime modules these files import, by path from the output root (`runtime/client/call.ts`). */
  runtimeImports: string[];
  /** Starting handler files (`--scaffold`): the user's once written, so they carry no header. */
  scaffold: TextFile[];
  /** What the loader did to the document on the way (a Swagger 2.0 conversion), for the summary. */
  notes: string[];
  /** The local files the spec was read from (the root and what its `$ref`s reached), for `--watch`. */
  specFiles: string[];
}

/** A folder and the files one run puts in it. */
export interface FolderFiles {
  dir: string;
  files: TextFile[];
}

/** load → ir → emit → format for one API: its own files, in memory, exactly as they would be written. */
export async function renderApi(api: ApiConfig, runtimeDir: string | undefined): Promise<RenderedApi> {
  const { model, spec } = await loadModel(api);
  const layout: ImportLayout = {
    runtime: runtimeDir === undefined ? "runtime" : posixRelative(api.outDir, runtimeDir),
    extension: api.extension,
  };
  const specFromOutput = spec.url ?? (spec.fromStdin ? "<stdin>" : posixRelative(api.outDir, spec.path));
  let files: TextFile[];
  const runtimeImports = new Set<string>();
  try {
    const finish = async (file: GeneratedFile): Promise<TextFile> => {
      const formatted = await formatFile(file);
      // Read once formatted: a file built as it is printed knows its imports only then.
      for (const path of file.imports ?? []) if (path.startsWith("runtime/")) runtimeImports.add(path);
      return withHeader(formatted, specFromOutput);
    };
    files = await emitAll(model, { targets: api.targets, server: api.server, docs: api.docs, layout }, finish);
    // MSW handlers hold the mock's answers, worked out by the mock stage (which sits above emit).
    if (api.targets.has("mocks")) files = [...files, await finish(await emitMocks(model, layout))].sort(byPath);
  } catch (error) {
    throw withLine(error, spec.path, spec.text);
  }
  const scaffold: TextFile[] = [];
  if (api.scaffold !== undefined) {
    for (const file of emitScaffold(model, api.scaffold.serverImport, layout)) scaffold.push(await formatFile(file));
  }
  return { api, model, files, runtimeImports: [...runtimeImports].sort(), scaffold, notes: spec.notes, specFiles: spec.files };
}

/** The runtime modules the given imports reach, with their headers, by path from the runtime folder. */
function renderRuntime(imports: Iterable<string>, extension: ImportExtension): TextFile[] {
  return emitRuntime(imports, extension).map((file) => withHeader(file, undefined));
}

/**
 * Every folder a run writes and what goes in it: each API's output, with its own `runtime/` inside
 * unless `runtimeDir` is shared, in which case that folder holds what all of them import.
 */
export function foldersOf(rendered: RenderedApi[], runtimeDir: string | undefined): FolderFiles[] {
  const folders = rendered.map(({ api, files, runtimeImports }) => ({
    dir: api.outDir,
    files:
      runtimeDir === undefined
        ? [...files, ...renderRuntime(runtimeImports, api.extension).map((file) => ({ ...file, path: `runtime/${file.path}` }))].sort(byPath)
        : files,
  }));
  if (runtimeDir === undefined) return folders;
  const extensions = new Set(rendered.map(({ api }) => api.extension));
  const [extension = ".js"] = extensions;
  return [...folders, { dir: runtimeDir, files: renderRuntime(rendered.flatMap((entry) => entry.runtimeImports), extension) }];
}

/** load → ir: the validated model, for `validate` and for rendering. */
export async function loadModel(api: Pick<ApiConfig, "spec" | "allowRemote">): Promise<{ spec: LoadedSpec; model: ApiModel }> {
  const spec = await loadSpec(api.spec, { allowRemote: api.allowRemote });
  try {
    return { spec, model: buildModel(spec) };
  } catch (error) {
    throw withLine(error, spec.path, spec.text);
  }
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join("/");
}
