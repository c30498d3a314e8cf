import type { ResolvedConfig } from "../config/resolve-config.js";
import { displayPath } from "../load/display-path.js";
import { planOutput } from "../output/plan.js";
import { applyPlan } from "../output/write.js";
import { renderOutput } from "../pipeline.js";
import type { Printer } from "./output.js";
import { describePolicies } from "./summary.js";

/** `codegen generate`: renders everything in memory, then writes only what changed, atomically. */
export async function generateCommand(config: ResolvedConfig, print: Printer): Promise<number> {
  const started = performance.now();
  const { model, files } = await renderOutput(config);
  const plan = planOutput(config.outDir, files);
  applyPlan(config.outDir, plan);
  if (!config.quiet) {
    const written = plan.changes.length;
    const elapsed = Math.round(performance.now() - started);
    print.out(
      `codegen: ${written} written, ${plan.unchanged.length} unchanged, ${plan.removals.length} removed · ` +
        `${model.operations.length} operations · ${elapsed} ms → ${displayPath(config.outDir)}`,
    );
    const policies = describePolicies(model);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
  }
  return 0;
}
