import { createTwoFilesPatch } from "diff";
import type { OutputPlan } from "./plan.js";

/** Most diff lines `check` prints in all; the rest is summarized. */
export const MAX_DIFF_LINES = 200;

export function isStale(plan: OutputPlan): boolean {
  return plan.changes.length > 0 || plan.removals.length > 0;
}

/** The lines `check` prints: each stale, missing and extra file, then a bounded unified diff. */
export function describeStaleOutput(plan: OutputPlan, outDirShown: string): string[] {
  const lines: string[] = [];
  for (const change of plan.changes) {
    lines.push(`  ${change.before === undefined ? "missing" : "stale  "} ${outDirShown}/${change.path}`);
  }
  for (const removal of plan.removals) lines.push(`  extra   ${outDirShown}/${removal.path}`);
  const diff: string[] = [];
  // Line by line: a large file's patch has more lines than one call may take as arguments.
  for (const change of plan.changes) for (const line of patch(change.path, change.before ?? "", change.after, outDirShown)) diff.push(line);
  for (const removal of plan.removals) for (const line of patch(removal.path, removal.before, "", outDirShown)) diff.push(line);
  if (diff.length > 0) {
    lines.push("");
    lines.push(...diff.slice(0, MAX_DIFF_LINES));
    if (diff.length > MAX_DIFF_LINES) lines.push(`... ${diff.length - MAX_DIFF_LINES} more diff lines not shown`);
  }
  return lines;
}

function patch(path: string, before: string, after: string, outDirShown: string): string[] {
  const name = `${outDirShown}/${path}`;
  const text = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "committed", "generated", { context: 2 });
  return text.split("\n").filter((line, index) => index > 0 && line !== "" && !line.startsWith("\\ No newline"));
}
