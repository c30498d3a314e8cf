import { displayPath } from "../load/display-path.js";
import { loadModel } from "../pipeline.js";
import type { Printer } from "./output.js";
import { describePolicies, describeUndeclared } from "./summary.js";

/**
 * `codegen validate`: loads and models the spec, reports what it found (and the statuses its
 * server may send that it does not declare), writes nothing. With `strict`, undeclared statuses
 * exit 1.
 */
export async function validateCommand(
  config: { specPath: string; allowRemoteRefs: boolean; quiet: boolean; verbose: boolean; strict: boolean },
  print: Printer,
): Promise<number> {
  const { model, spec } = await loadModel(config);
  if (!config.quiet) {
    print.out(
      `${displayPath(config.specPath)}: valid OpenAPI ${spec.version} · ${model.operations.length} operations · ` +
        `${model.schemas.length} schemas · ${model.securitySchemes.length} security schemes`,
    );
    const policies = describePolicies(model, config.verbose);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
  }
  const undeclared = describeUndeclared(model, config.verbose);
  if (undeclared.length > 0 && (!config.quiet || config.strict)) print.err(undeclared.join("\n"));
  // --strict: a contract that does not declare what its server may send is not accepted.
  return config.strict && undeclared.length > 0 ? 1 : 0;
}
