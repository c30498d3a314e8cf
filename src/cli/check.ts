import type { ResolvedConfig } from "../config/resolve-config.js";
import { displayPath } from "../load/display-path.js";
import { planOutput } from "../output/plan.js";
import { describeStaleOutput, isStale } from "../output/report.js";
import { renderOutput } from "../pipeline.js";
import type { Printer } from "./output.js";

/** `codegen check`: renders into memory and compares with the committed output; writes nothing. */
export async function checkCommand(config: ResolvedConfig, print: Printer): Promise<number> {
  const { files } = await renderOutput(config);
  const plan = planOutput(config.outDir, files);
  const shown = displayPath(config.outDir);
  if (!isStale(plan)) {
    if (!config.quiet) print.out(`codegen check: ${plan.unchanged.length} files up to date in ${shown}`);
    return 0;
  }
  const count = plan.changes.length + plan.removals.length;
  print.err(`codegen check: ${count} file${count === 1 ? "" : "s"} out of date in ${shown}`);
  print.err(describeStaleOutput(plan, shown).join("\n"));
  print.err(`run: codegen ${displayPath(config.specPath)} -o ${shown}`);
  return 1;
}
