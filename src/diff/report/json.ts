import type { DiffReport } from "./report.js";

/** Version of the JSON report's shape (`diff-report.schema.json` in the package). */
export const REPORT_FORMAT_VERSION = 1;

/** The machine view: every change (safe ones included), one entry each; the shape `diff-report.schema.json` documents. */
export function formatJson(reports: DiffReport[]): string {
  return JSON.stringify(
    {
      formatVersion: REPORT_FORMAT_VERSION,
      diffs: reports.map(({ base, head, result }) => ({
        base: base.label,
        head: head.label,
        summary: result.summary,
        changes: result.changes.map((change) => ({
          severity: change.severity,
          rule: change.rule,
          operations: change.operations.map((operation) => ({ operationId: operation.operationId ?? null, method: operation.method, path: operation.path })),
          location: change.location,
          basePointer: change.basePointer,
          headPointer: change.headPointer,
          message: change.message,
          impact: change.impact ?? null,
        })),
      })),
    },
    null,
    2,
  );
}
