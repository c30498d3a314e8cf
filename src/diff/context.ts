import type { ApiModel } from "../ir/model.js";
import { valueAtPointer } from "../pointer.js";
import type { SchemaComparer } from "./compare-schema.js";
import type { Change, Finding, Findings, OperationRef } from "./finding.js";

/** Both models and where findings go: what every comparator reads. */
export interface DiffContext {
  base: ApiModel;
  head: ApiModel;
  findings: Findings;
  schemas: SchemaComparer;
}

/** Records a change seen from one operation. */
export function report(context: DiffContext, change: Change, operation: OperationRef | undefined): Finding {
  return context.findings.add(change, operation);
}

/** The first of these pointers that names something in `document` (the last as a fallback). */
export function existing(document: unknown, ...pointers: string[]): string {
  for (const pointer of pointers) if (valueAtPointer(document, pointer) !== undefined) return pointer;
  return pointers[pointers.length - 1] ?? "#";
}
