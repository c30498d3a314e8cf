import type { DiffResult } from "../diff-models.js";
import type { Finding, OperationRef } from "../finding.js";
import type { DiffSide } from "../load-side.js";
import type { Severity } from "../rules.js";

/** One comparison as the formats print it. */
export interface DiffReport {
  base: Pick<DiffSide, "label">;
  head: Pick<DiffSide, "label" | "file" | "lineOf">;
  result: DiffResult;
}

/** What every format is told besides the reports. */
export interface FormatOptions {
  /** Severities that fail the run (`--fail-on`). */
  failOn: ReadonlySet<Severity>;
  /** List safe changes too (they are always counted). */
  verbose: boolean;
}

export function describeOperation(operation: OperationRef): string {
  const call = `${operation.method.toUpperCase()} ${operation.path}`;
  return operation.operationId === undefined ? call : `${operation.operationId} (${call})`;
}

/** Changes grouped under the first operation each reaches (changes outside operations last, under `undefined`), in order. */
export function groupByOperation(changes: Finding[]): Array<[OperationRef | undefined, Finding[]]> {
  const groups = new Map<OperationRef | undefined, Finding[]>();
  for (const change of changes) {
    const first = change.operations[0];
    const group = groups.get(first) ?? [];
    group.push(change);
    groups.set(first, group);
  }
  const outside = groups.get(undefined);
  groups.delete(undefined);
  return [...groups, ...(outside === undefined ? [] : [[undefined, outside] as [undefined, Finding[]]])];
}

/** `2 breaking (5 operations) · 1 policy · …`. */
export function summaryLine(result: DiffResult): string {
  return Object.entries(result.summary)
    .map(([severity, { changes, operations }]) => `${changes} ${severity}${operations > 0 ? ` (${operations} operation${operations === 1 ? "" : "s"})` : ""}`)
    .join(" · ");
}

/** `… also reaches listCustomers, getCustomer and 298 more`. */
export function alsoReaches(change: Finding): string | undefined {
  const others = change.operations.slice(1);
  if (others.length === 0) return undefined;
  const named = others.slice(0, 3).map((operation) => operation.operationId ?? `${operation.method.toUpperCase()} ${operation.path}`);
  return `also reaches ${named.join(", ")}${others.length > 3 ? ` and ${others.length - 3} more` : ""}`;
}

/** The changes a format lists: all but the safe ones unless verbose. */
export function listed(changes: Finding[], options: FormatOptions): Finding[] {
  return options.verbose ? changes : changes.filter((change) => change.severity !== "safe");
}
