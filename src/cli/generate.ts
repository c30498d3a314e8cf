import type { ResolvedConfig } from "../config/resolve-config.js";
import { displayPath } from "../load/display-path.js";
import { planOutput } from "../output/plan.js";
import { applyPlan } from "../output/write.js";
import { writeScaffold } from "../output/scaffold.js";
import { renderOutput } from "../pipeline.js";
import type { Printer } from "./output.js";
import { describePolicies, describeUndeclared } from "./summary.js";

/** `codegen generate`: renders everything in memory, then writes only what changed, atomically. */
export async function generateCommand(config: ResolvedConfig, print: Printer): Promise<number> {
  const started = performance.now();
  const { model, files, scaffold: scaffoldFiles } = await renderOutput(config);
  const plan = planOutput(config.outDir, files);
  applyPlan(config.outDir, plan);
  const scaffold = config.scaffold === undefined ? undefined : writeScaffold(config.scaffold.dir, scaffoldFiles);
  if (!config.quiet) {
    const written = plan.changes.length;
    const elapsed = Math.round(performance.now() - started);
    print.out(
      `codegen: ${written} written, ${plan.unchanged.length} unchanged, ${plan.removals.length} removed · ` +
        `${model.operations.length} operations · ${elapsed} ms → ${displayPath(config.outDir)}`,
    );
    const policies = describePolicies(model, config.verbose);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
    const undeclared = describeUndeclared(model, config.verbose);
    if (undeclared.length > 0) print.err(undeclared.join("\n"));
    if (scaffold !== undefined && config.scaffold !== undefined) {
      const where = displayPath(config.scaffold.dir);
      print.out(
        `scaffold → ${where}: ${scaffold.written.length > 0 ? `wrote ${scaffold.written.join(", ")}` : "nothing new"}` +
          (scaffold.kept.length > 0 ? `; kept your ${scaffold.kept.join(", ")}` : ""),
      );
    }
  }
  return 0;
}
