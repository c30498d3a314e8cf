import type { ResolvedConfig } from "../config/resolve-config.js";
import { displayPath } from "../load/display-path.js";
import { planOutput } from "../output/plan.js";
import { applyPlan } from "../output/write.js";
import { formatFile } from "../output/format.js";
import { serverImportPath, writeScaffold } from "../output/scaffold.js";
import { emitScaffold } from "../emit/scaffold.js";
import type { ApiModel } from "../ir/model.js";
import { renderOutput } from "../pipeline.js";
import type { Printer } from "./output.js";
import { describePolicies, describeUndeclared } from "./summary.js";

/** `codegen generate`: renders everything in memory, then writes only what changed, atomically. */
export async function generateCommand(config: ResolvedConfig, print: Printer): Promise<number> {
  const started = performance.now();
  const { model, files } = await renderOutput(config);
  const plan = planOutput(config.outDir, files);
  applyPlan(config.outDir, plan);
  const scaffold = config.scaffoldDir === undefined ? undefined : await writeHandlerScaffold(config.scaffoldDir, config.outDir, model);
  if (!config.quiet) {
    const written = plan.changes.length;
    const elapsed = Math.round(performance.now() - started);
    print.out(
      `codegen: ${written} written, ${plan.unchanged.length} unchanged, ${plan.removals.length} removed · ` +
        `${model.operations.length} operations · ${elapsed} ms → ${displayPath(config.outDir)}`,
    );
    const policies = describePolicies(model);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
    const undeclared = describeUndeclared(model, config.verbose);
    if (undeclared.length > 0) print.err(undeclared.join("\n"));
    if (scaffold !== undefined && config.scaffoldDir !== undefined) {
      const where = displayPath(config.scaffoldDir);
      print.out(
        `scaffold → ${where}: ${scaffold.written.length > 0 ? `wrote ${scaffold.written.join(", ")}` : "nothing new"}` +
          (scaffold.kept.length > 0 ? `; kept your ${scaffold.kept.join(", ")}` : ""),
      );
    }
  }
  return 0;
}

async function writeHandlerScaffold(dir: string, outDir: string, model: ApiModel) {
  const files = [];
  for (const file of emitScaffold(model, serverImportPath(dir, outDir))) files.push(await formatFile(file));
  return writeScaffold(dir, files);
}
