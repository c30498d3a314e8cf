import type { RunConfig } from "../config/resolve-config.js";
import { displayPath } from "../display-path.js";
import { planOutput } from "../output/plan.js";
import { describeStaleOutput, isStale } from "../output/report.js";
import type { Printer } from "./output.js";
import { renderRun } from "./render.js";

/** `codegen check`: renders into memory and compares with the committed output; writes nothing. */
export async function checkCommand(run: RunConfig, print: Printer): Promise<number> {
  const { folders } = await renderRun(run);
  let stale = false;
  for (const folder of folders) {
    const plan = planOutput(folder.dir, folder.files);
    const shown = displayPath(folder.dir);
    if (!isStale(plan)) {
      if (!run.quiet) print.out(`codegen check: ${plan.unchanged.length} files up to date in ${shown}`);
      continue;
    }
    stale = true;
    const count = plan.changes.length + plan.removals.length;
    print.err(`codegen check: ${count} file${count === 1 ? "" : "s"} out of date in ${shown}`);
    print.err(describeStaleOutput(plan, shown).join("\n"));
  }
  if (stale) print.err(`run: ${run.command}`);
  return stale ? 1 : 0;
}
