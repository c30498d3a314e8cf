import type { RunConfig } from "../config/resolve-config.js";
import { displayPath } from "../display-path.js";
import { planOutput } from "../output/plan.js";
import { applyPlans } from "../output/write.js";
import { writeScaffold } from "../output/scaffold.js";
import type { RenderedApi } from "../pipeline.js";
import type { Printer } from "./output.js";
import { renderRun } from "./render.js";
import { describePolicies, describeUndeclared, describeWarnings } from "./summary.js";

/** `codegen generate`: renders every API in memory, then writes only what changed, all or nothing. */
export async function generateCommand(run: RunConfig, print: Printer): Promise<number> {
  await generate(run, print);
  return 0;
}

/** Generates and prints the summary; returns what was rendered (`--watch` reads which files the specs came from). */
export async function generate(run: RunConfig, print: Printer): Promise<RenderedApi[]> {
  const started = performance.now();
  const { rendered, folders } = await renderRun(run);
  const plans = folders.map((folder) => ({ dir: folder.dir, plan: planOutput(folder.dir, folder.files) }));
  applyPlans(plans);
  const elapsed = Math.round(performance.now() - started);
  for (const [index, { api, model, scaffold: scaffoldFiles, notes }] of rendered.entries()) {
    const scaffold = api.scaffold === undefined ? undefined : writeScaffold(api.scaffold.dir, scaffoldFiles);
    if (run.quiet) continue;
    const { plan } = plans[index] as (typeof plans)[number];
    for (const note of notes) print.out(`note: ${displayPath(api.spec)}: ${note}`);
    print.out(
      `codegen: ${plan.changes.length} written, ${plan.unchanged.length} unchanged, ${plan.removals.length} removed · ` +
        `${model.operations.length} operations · ${[...api.targets].join(", ")} · ${elapsed} ms → ${displayPath(api.outDir)}`,
    );
    const policies = describePolicies(model, run.verbose);
    if (policies.length > 0) print.out(["contract policies:", ...policies].join("\n"));
    const warnings = describeWarnings(model, displayPath(api.spec), run.verbose);
    if (warnings.length > 0) print.err(warnings.join("\n"));
    const undeclared = describeUndeclared(model, run.verbose);
    if (undeclared.length > 0) print.err(undeclared.join("\n"));
    if (scaffold !== undefined && api.scaffold !== undefined) {
      print.out(
        `scaffold → ${displayPath(api.scaffold.dir)}: ${scaffold.written.length > 0 ? `wrote ${scaffold.written.join(", ")}` : "nothing new"}` +
          (scaffold.kept.length > 0 ? `; kept your ${scaffold.kept.join(", ")}` : ""),
      );
    }
  }
  const shared = plans[rendered.length];
  if (shared !== undefined && !run.quiet) {
    const { plan } = shared;
    print.out(
      `runtime: ${plan.changes.length} written, ${plan.unchanged.length} unchanged, ${plan.removals.length} removed → ${displayPath(shared.dir)}`,
    );
  }
  return rendered;
}
