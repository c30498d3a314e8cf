import { relative, sep } from "node:path";
import type { ResolvedConfig } from "./config/resolve-config.js";
import { emitAll } from "./emit/emit.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { buildModel } from "./ir/build-model.js";
import type { ApiModel } from "./ir/model.js";
import { loadSpec, type LoadedSpec } from "./load/load.js";
import { formatFile } from "./output/format.js";
import { withHeader } from "./output/header.js";
import { withLine } from "./load/locate.js";

export interface RenderedOutput {
  model: ApiModel;
  files: GeneratedFile[];
}

/** load → ir → emit → format: every output file, in memory, exactly as it would be written. */
export async function renderOutput(config: Pick<ResolvedConfig, "specPath" | "outDir" | "allowRemoteRefs">): Promise<RenderedOutput> {
  const { spec, model } = await loadModel(config);
  const specFromOutput = relative(config.outDir, config.specPath).split(sep).join("/");
  const files = await emitAll(model, spec, (file) => formatFile(withHeader(file, specFromOutput)));
  return { model, files };
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
