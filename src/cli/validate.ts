import { displayPath } from "../load/display-path.js";
import { loadModel } from "../pipeline.js";
import type { Printer } from "./output.js";
import { describePolicies } from "./summary.js";

/** `codegen validate`: loads and models the spec, reports what it found, writes nothing. */
export async function validateCommand(
  config: { specPath: string; allowRemoteRefs: boolean; quiet: boolean },
  print: Printer,
): Promise<number> {
  const { model, spec } = await loadModel(config);
  if (!config.quiet) {
    print.out(
      `${displayPath(config.specPath)}: valid OpenAPI ${spec.version} · ${model.operations.length} operations · ` +
        `${model.schemas.length} schemas · ${model.securitySchemes.length} security schemes`,
    );
    const policies = describePolicies(model);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
  }
  return 0;
}
