import { printable } from "../../printable.js";
import type { Finding } from "../finding.js";
import { SEVERITIES } from "../rules.js";
import { alsoReaches, describeOperation, groupByOperation, listed, type DiffReport, type FormatOptions } from "./report.js";

/** GitHub refuses comments over 65,536 characters; the listing stops short of that. */
const MAX_LENGTH = 60_000;

/** Inline code that spec text cannot break out of. */
function code(text: string): string {
  const clean = printable(text);
  const fence = "`".repeat((clean.match(/`+/g) ?? [""]).reduce((longest, run) => Math.max(longest, run.length), 0) + 1);
  return `${fence}${fence.length > 1 ? " " : ""}${clean}${fence.length > 1 ? " " : ""}${fence}`;
}

/** Plain text in Markdown and HTML with nothing that renders as markup. */
function text(value: string): string {
  return printable(value).replace(/[\\`*_[\]|<>&~]/g, (character) => `&#${character.charCodeAt(0)};`);
}

function line(change: Finding): string {
  const impact = change.impact === undefined ? "" : ` — breaks ${text(change.impact)}`;
  const also = alsoReaches(change);
  return `- **${change.severity}** ${code(change.location)}: ${text(change.message)}${impact} (${code(change.rule)})${also === undefined ? "" : ` — ${text(also)}`}`;
}

/** A pull-request comment: a table of counts, then each operation's changes folded under its name. */
export function formatMarkdown(reports: DiffReport[], options: FormatOptions): string {
  const parts: string[] = [];
  for (const { base, head, result } of reports) {
    const failing = SEVERITIES.filter((severity) => options.failOn.has(severity) && result.summary[severity].changes > 0);
    parts.push(
      `### Contract changes: ${code(base.label)} → ${code(head.label)}`,
      "",
      failing.length > 0 ? `❌ ${failing.map((severity) => `${result.summary[severity].changes} ${severity}`).join(", ")}` : "✅ nothing this check fails on",
      "",
      "| severity | changes | operations |",
      "|---|---:|---:|",
      ...SEVERITIES.map((severity) => `| ${severity} | ${result.summary[severity].changes} | ${result.summary[severity].operations} |`),
      "",
    );
    let length = parts.join("\n").length;
    const groups = groupByOperation(listed(result.changes, options));
    for (const [index, [operation, changes]] of groups.entries()) {
      const block = [`<details><summary>${text(operation === undefined ? "components" : describeOperation(operation))} — ${changes.length} change${changes.length === 1 ? "" : "s"}</summary>`, "", ...changes.map(line), "", "</details>", ""].join("\n");
      if (length + block.length > MAX_LENGTH) {
        parts.push(`… and ${groups.length - index} more operations with changes (run \`codegen diff\` for the full list)`, "");
        break;
      }
      length += block.length;
      parts.push(block);
    }
  }
  return parts.join("\n").trimEnd();
}
