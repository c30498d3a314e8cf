import { printable } from "../printable.js";
import { displayPath } from "../display-path.js";
import type { ApiConfig, RunConfig } from "../config/resolve-config.js";
import { brokenExamples } from "../mock/broken-examples.js";
import { loadModel } from "../pipeline.js";
import { withOrigin } from "./render.js";
import type { Printer } from "./output.js";
import { describePolicies, describeUndeclared, describeWarnings } from "./summary.js";

/**
 * `codegen validate`: loads and models the spec, reports what it found (and the statuses its
 * server may send that it does not declare), writes nothing. With `strict`, undeclared statuses
 * exit 1.
 */
export async function validateCommand(run: RunConfig & { strict: boolean }, print: Printer): Promise<number> {
  let exitCode = 0;
  for (const api of run.apis) {
    exitCode = Math.max(exitCode, await withOrigin(api, () => validateApi(api, run, print)));
  }
  return exitCode;
}

async function validateApi(api: ApiConfig, config: { quiet: boolean; verbose: boolean; strict: boolean }, print: Printer): Promise<number> {
  const { model, spec } = await loadModel(api);
  if (!config.quiet) {
    for (const note of spec.notes) print.out(`note: ${displayPath(api.spec)}: ${note}`);
    print.out(
      `${displayPath(api.spec)}: valid OpenAPI ${spec.version} · ${model.operations.length} operations · ` +
        `${model.schemas.length} schemas · ${model.securitySchemes.length} security schemes`,
    );
    const policies = describePolicies(model, config.verbose);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
  }
  const warnings = describeWarnings(model, displayPath(api.spec), config.verbose);
  if (warnings.length > 0 && !config.quiet) print.err(warnings.join("\n"));
  const broken = config.quiet ? [] : await brokenExamples(model);
  if (broken.length > 0) {
    const listed = config.verbose ? broken : [];
    print.err(
      [
        broken.length === 1
          ? `1 response example breaks its schema: codegen mock does not serve it${config.verbose ? "" : " (--verbose lists it)"}`
          : `${broken.length} response examples break their schemas: codegen mock does not serve them${config.verbose ? "" : " (--verbose lists them)"}`,
        ...listed.map((example) => printable(`  ${example.operationId} ${example.status} ${example.pointer}: ${example.problem}`)),
      ].join("\n"),
    );
  }
  const undeclared = describeUndeclared(model, config.verbose);
  if (undeclared.length > 0 && (!config.quiet || config.strict)) print.err(undeclared.join("\n"));
  // --strict: a contract that does not declare what its server may send is not accepted.
  return config.strict && undeclared.length > 0 ? 1 : 0;
}
