import type { ApiModel, Operation } from "../ir/model.js";
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

/** Where an operation's extension is written on each side (the operation itself where it is inferred). */
export function extensionAt(context: DiffContext, base: Operation, head: Operation, extension: string): { location: string; basePointer: string; headPointer: string } {
  return {
    location: extension,
    basePointer: existing(context.base.typesSource, `${base.pointer}/${extension}`, base.pointer),
    headPointer: existing(context.head.typesSource, `${head.pointer}/${extension}`, head.pointer),
  };
}
