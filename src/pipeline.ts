import { relative, sep } from "node:path";
import type { ResolvedConfig } from "./config/resolve-config.js";
import { emitAll } from "./emit/emit.js";
import type { TextFile } from "./emit/generated-file.js";
import { emitScaffold } from "./emit/scaffold.js";
import { buildModel } from "./ir/build-model.js";
import type { ApiModel } from "./ir/model.js";
import { loadSpec, type LoadedSpec } from "./load/load.js";
import { withLine } from "./load/locate.js";
import { formatFile } from "./format/format.js";
import { withHeader } from "./output/header.js";

export interface RenderedOutput {
  model: ApiModel;
  /** The generated folder's files, with their headers, exactly as they would be written. */
  files: TextFile[];
  /** Starting handler files (`--scaffold`): the user's once written, so they carry no header. */
  scaffold: TextFile[];
}

/** load → ir → emit → format, in one pass: every output file, in memory, exactly as it would be written. */
export async function renderOutput(
  config: Pick<ResolvedConfig, "specPath" | "outDir" | "allowRemoteRefs"> & Partial<Pick<ResolvedConfig, "scaffold">>,
): Promise<RenderedOutput> {
  const { model } = await loadModel(config);
  const specFromOutput = relative(config.outDir, config.specPath).split(sep).join("/");
  let files: TextFile[];
  try {
    files = await emitAll(model, async (file) => withHeader(await formatFile(file), specFromOutput));
  } catch (error) {
    throw withLine(error, config.specPath);
  }
  const scaffold: TextFile[] = [];
  if (config.scaffold !== undefined) {
    for (const file of emitScaffold(model, config.scaffold.serverImport)) scaffold.push(await formatFile(file));
  }
  return { model, files, scaffold };
}

/** load → ir: the validated model, for `validate` and for rendering. */
export async function loadModel(
  config: Pick<ResolvedConfig, "specPath" | "allowRemoteRefs">,
): Promise<{ spec: LoadedSpec; model: ApiModel }> {
  const spec = await loadSpec(config.specPath, { allowRemoteRefs: config.allowRemoteRefs });
  try {
    return { spec, model: buildModel(spec) };
  } catch (error) {
    throw withLine(error, config.specPath);
  }
}
