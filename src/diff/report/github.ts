import { printable } from "../../printable.js";
import type { Finding } from "../finding.js";
import { describeOperation, listed, type DiffReport, type FormatOptions } from "./report.js";

/** A workflow command's message: `%`, CR and LF escaped (other control characters written out). */
function escapeData(value: string): string {
  return printable(value.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A"));
}

/** A workflow command's property: also `:` and `,`. */
function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/** GitHub Actions annotations at the line of the head document where each change is: failing severities as errors, the rest as warnings or notices. */
export function formatGithub(reports: DiffReport[], options: FormatOptions): string {
  const lines: string[] = [];
  for (const { head, result } of reports) {
    for (const change of listed(result.changes, { ...options, verbose: false })) {
      const level = options.failOn.has(change.severity) ? "error" : change.severity === "notice" ? "notice" : "warning";
      const line = head.lineOf(change.headPointer);
      const properties = [
        ...(head.file === undefined ? [] : [`file=${escapeProperty(head.file)}`]),
        ...(line === undefined ? [] : [`line=${line}`]),
        `title=${escapeProperty(`${change.severity}: ${change.rule}`)}`,
      ];
      lines.push(`::${level} ${properties.join(",")}::${escapeData(message(change))}`);
    }
  }
  return lines.join("\n");
}

function message(change: Finding): string {
  const where = change.operations.length === 0 ? change.location : `${describeOperation(change.operations[0] as Finding["operations"][number])} ${change.location}`;
  const more = change.operations.length > 1 ? ` (and ${change.operations.length - 1} more operations)` : "";
  return `${where}: ${change.message}${change.impact === undefined ? "" : ` — breaks ${change.impact}`}${more}`;
}
