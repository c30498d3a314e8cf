import { printable } from "../../printable.js";
import { alsoReaches, describeOperation, groupByOperation, listed, summaryLine, type DiffReport, type FormatOptions } from "./report.js";

/** The terminal's view: a summary line, then one line per change grouped by operation, with where it is on each side. */
export function formatHuman(reports: DiffReport[], options: FormatOptions): string {
  const blocks: string[] = [];
  for (const { base, head, result } of reports) {
    const lines = [printable(`${base.label} → ${head.label}`), summaryLine(result)];
    const shown = listed(result.changes, options);
    const hidden = result.changes.length - shown.length;
    for (const [operation, changes] of groupByOperation(shown)) {
      lines.push("", operation === undefined ? "components" : printable(describeOperation(operation)));
      for (const change of changes) {
        const impact = change.impact === undefined ? "" : ` — breaks ${change.impact}`;
        lines.push(printable(`  ${change.severity.padEnd(8)} ${change.location}: ${change.message}${impact} [${change.rule}]`));
        const also = alsoReaches(change);
        if (also !== undefined) lines.push(printable(`           ${also}`));
        lines.push(printable(`           base ${change.basePointer} · head ${change.headPointer}`));
      }
    }
    if (hidden > 0) lines.push("", `${hidden} safe change${hidden === 1 ? "" : "s"} not listed (--verbose lists them)`);
    blocks.push(lines.join("\n"));
  }
  return blocks.join("\n\n");
}
