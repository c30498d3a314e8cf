import type { HttpMethod, Operation } from "../ir/model.js";
import { ruleOf, type Severity } from "./rules.js";

/** An operation a change reaches, as the user knows it. */
export interface OperationRef {
  operationId: string | undefined;
  method: HttpMethod;
  path: string;
}

/** One change, reported once where it happens, with every operation it reaches. */
export interface Finding {
  rule: string;
  severity: Severity;
  operations: OperationRef[];
  /** Where, from the first operation it was found under: `request.body.items[].price`, `query.limit`, `response 200 .data[].status`. */
  location: string;
  /** JSON pointers into each side's bundled document; for what one side lacks, the nearest place on that side that holds it. */
  basePointer: string;
  headPointer: string;
  /** What changed: `maxLength 100 → 50`. */
  message: string;
  /** Who breaks: `clients that send strings longer than 50`. */
  impact: string | undefined;
}

export function operationRef(operation: Operation): OperationRef {
  return { operationId: operation.operationId, method: operation.method, path: operation.path };
}

export interface Change {
  rule: string;
  location: string;
  basePointer: string;
  headPointer: string;
  message: string;
  impact?: string;
}

/**
 * Findings by rule and pointers: a change under a shared schema found again from another
 * operation gains that operation instead of a copy. Operations are listed in the order they were
 * met (the base document's order).
 */
export class Findings {
  readonly #byKey = new Map<string, { finding: Finding; operations: Set<OperationRef> }>();

  /** Records a change seen from `operation` (undefined for changes outside operations) and returns its finding. */
  add(change: Change, operation: OperationRef | undefined): Finding {
    const key = `${change.rule}\u0000${change.basePointer}\u0000${change.headPointer}\u0000${change.message}`;
    let entry = this.#byKey.get(key);
    if (entry === undefined) {
      const rule = ruleOf(change.rule);
      entry = {
        finding: { ...change, impact: change.impact, severity: rule.severity, operations: [] },
        operations: new Set(),
      };
      this.#byKey.set(key, entry);
    }
    if (operation !== undefined) this.reach(entry.finding, operation);
    return entry.finding;
  }

  /** Notes that `finding` also reaches `operation`. */
  reach(finding: Finding, operation: OperationRef): void {
    const entry = this.#byKey.get(`${finding.rule}\u0000${finding.basePointer}\u0000${finding.headPointer}\u0000${finding.message}`);
    if (entry === undefined || entry.operations.has(operation)) return;
    entry.operations.add(operation);
    entry.finding.operations.push(operation);
  }

  all(): Finding[] {
    return [...this.#byKey.values()].map((entry) => entry.finding);
  }
}
