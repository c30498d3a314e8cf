import type { ApiModel, NamedSchema, Operation, StabilityLevel } from "../ir/model.js";
import { pointer } from "../pointer.js";
import { compareRequestBody, compareResponses } from "./compare-bodies.js";
import { compareParameters } from "./compare-parameters.js";
import { comparePolicies } from "./compare-policies.js";
import { SchemaComparer } from "./compare-schema.js";
import { compareSecurity } from "./compare-security.js";
import { existing, report, type DiffContext } from "./context.js";
import { Findings, operationRef, type Finding, type OperationRef } from "./finding.js";
import { SEVERITIES, type Severity } from "./rules.js";

export interface DiffOptions {
  /** The day a past `x-sunset` is judged against. */
  now: Date;
}

export interface DiffResult {
  /** Every change, once, in the base document's operation order (then operations only the head has, then components). */
  changes: Finding[];
  /** Per severity: how many changes, and how many operations they reach. */
  summary: Record<Severity, { changes: number; operations: number }>;
}

/** `/users/{id}` and `/users/{userId}` are the same URLs. */
function templateOf(operation: Operation): string {
  return `${operation.method} ${operation.path.replace(/\{[^}]*\}/g, "{}")}`;
}

/**
 * Compares two models of one contract and classifies every change the rules know. Operations pair
 * by method and path template, then by operationId (a moved operation); each pair is compared
 * part by part, schemas once per shared component.
 */
export function diffModels(base: ApiModel, head: ApiModel, options: DiffOptions): DiffResult {
  const findings = new Findings();
  const context: DiffContext = { base, head, findings, schemas: new SchemaComparer(base.typesSource, head.typesSource, findings) };
  const heads = new Map(head.operations.map((operation) => [templateOf(operation), operation]));
  const byOperationId = new Map(head.operations.filter((operation) => operation.operationId !== undefined).map((operation) => [operation.operationId, operation]));
  const paired = new Set<Operation>();
  const refs = new Map<Operation, OperationRef>();
  const pairs: Array<[Operation, Operation]> = [];
  const removed: Operation[] = [];
  for (const operation of base.operations) {
    const same = heads.get(templateOf(operation));
    const moved = operation.operationId === undefined ? undefined : byOperationId.get(operation.operationId);
    const match = same !== undefined && !paired.has(same) ? same : moved !== undefined && !paired.has(moved) && !base.operations.some((other) => templateOf(other) === templateOf(moved)) ? moved : undefined;
    if (match === undefined) {
      removed.push(operation);
      continue;
    }
    paired.add(match);
    pairs.push([operation, match]);
  }
  for (const [before, after] of pairs) {
    const ref = operationRef(after);
    refs.set(before, ref);
    compareOperation(context, before, after, ref);
  }
  for (const operation of removed) {
    const ref = operationRef(operation);
    refs.set(operation, ref);
    reportRemoval(context, operation, ref, options.now);
  }
  for (const operation of head.operations) {
    if (paired.has(operation)) continue;
    const ref = operationRef(operation);
    refs.set(operation, ref);
    report(
      context,
      { rule: "operation-added", location: "operation", basePointer: existing(base.typesSource, pathItemPointer(operation), "#/paths"), headPointer: operation.pointer, message: `${operation.method.toUpperCase()} ${operation.path} added` },
      ref,
    );
  }
  compareComponents(context);
  const changes = relaxUnstable(findings.all(), stabilityByRef(refs));
  return { changes, summary: summarize(changes) };
}

function pathItemPointer(operation: Operation): string {
  return pointer("paths", operation.path);
}

function compareOperation(context: DiffContext, base: Operation, head: Operation, ref: OperationRef): void {
  const at = { location: "operation", basePointer: base.pointer, headPointer: head.pointer };
  if (base.path !== head.path && templateOf(base).split(" ")[1] !== templateOf(head).split(" ")[1]) {
    report(context, { ...at, rule: "operation-path-changed", message: `path ${base.path} → ${head.path}`, impact: `clients that call ${base.path}` }, ref);
  }
  if (base.method !== head.method) {
    report(context, { ...at, rule: "operation-method-changed", message: `method ${base.method.toUpperCase()} → ${head.method.toUpperCase()}`, impact: `clients that call ${base.method.toUpperCase()}` }, ref);
  }
  if (base.operationId !== head.operationId || base.id !== head.id) {
    report(context, { ...at, rule: "operation-id-changed", message: `operationId ${base.operationId ?? "(none)"} → ${head.operationId ?? "(none)"}; function ${base.id} → ${head.id}`, impact: `code that calls ${base.id}` }, ref);
  }
  const baseGroup = groupOf(context.base, base);
  const headGroup = groupOf(context.head, head);
  if (baseGroup !== headGroup) {
    report(context, { ...at, rule: "operation-group-changed", message: `group ${baseGroup ?? "(none)"} → ${headGroup ?? "(none)"} (first tag ${base.tags[0] ?? "none"} → ${head.tags[0] ?? "none"})`, impact: `code that calls ${baseGroup === undefined ? "it on the client itself" : `client.${baseGroup}`}` }, ref);
  }
  compareLifecycle(context, base, head, ref);
  compareParameters(context, base, head, ref);
  compareRequestBody(context, base, head, ref);
  compareResponses(context, base, head, ref);
  compareSecurity(context, base, head, ref);
  comparePolicies(context, base, head, ref);
}

/** The client group an operation's methods sit in: its first tag's generated name (a tag renamed to the same name moves nothing). */
function groupOf(model: ApiModel, operation: Operation): string | undefined {
  const first = operation.tags[0];
  return first === undefined ? undefined : model.tags.find((tag) => tag.name === first)?.id;
}

/** Unmarked operations are held to the rules like stable ones. */
const LEVEL_RANK: Record<StabilityLevel, number> = { draft: 0, alpha: 1, beta: 2, stable: 3 };

function compareLifecycle(context: DiffContext, base: Operation, head: Operation, ref: OperationRef): void {
  const at = { location: "operation", basePointer: base.pointer, headPointer: head.pointer };
  if (!base.deprecated && head.deprecated) report(context, { ...at, rule: "operation-deprecated", message: `deprecated${head.sunset === undefined ? "" : `, sunset ${head.sunset}`}` }, ref);
  if (base.deprecated && !head.deprecated) report(context, { ...at, rule: "operation-undeprecated", message: "no longer deprecated" }, ref);
  if (base.deprecated && head.deprecated && base.sunset !== head.sunset) {
    if (base.sunset === undefined) report(context, { ...at, rule: "operation-sunset-added", message: `sunset ${head.sunset}` }, ref);
    else if (head.sunset !== undefined && Date.parse(head.sunset) < Date.parse(base.sunset)) {
      report(context, { ...at, rule: "operation-sunset-earlier", message: `sunset ${base.sunset} → ${head.sunset}`, impact: `clients that planned to migrate by ${base.sunset}` }, ref);
    } else report(context, { ...at, rule: "operation-sunset-changed", message: `sunset ${base.sunset} → ${head.sunset ?? "none"}` }, ref);
  }
  const before = LEVEL_RANK[base.stability ?? "stable"];
  const after = LEVEL_RANK[head.stability ?? "stable"];
  const shown = (level: StabilityLevel | undefined) => level ?? "unmarked (stable)";
  if (after < before) report(context, { ...at, rule: "stability-level-decreased", message: `stability ${shown(base.stability)} → ${shown(head.stability)}`, impact: "clients that rely on the old level's promise" }, ref);
  if (after > before) report(context, { ...at, rule: "stability-level-increased", message: `stability ${shown(base.stability)} → ${shown(head.stability)}` }, ref);
}

/** A removal is allowed once the operation was deprecated with an `x-sunset` that has passed. */
function reportRemoval(context: DiffContext, operation: Operation, ref: OperationRef, now: Date): void {
  const at = { location: "operation", basePointer: operation.pointer, headPointer: existing(context.head.typesSource, pathItemPointer(operation), "#/paths") };
  const label = `${operation.method.toUpperCase()} ${operation.path} removed`;
  if (operation.deprecated && operation.sunset !== undefined && Date.parse(operation.sunset) <= now.getTime()) {
    report(context, { ...at, rule: "operation-removed-after-sunset", message: `${label} (sunset ${operation.sunset} passed)` }, ref);
  } else if (operation.deprecated) {
    const when = operation.sunset === undefined ? "deprecated without an x-sunset date" : `before its sunset ${operation.sunset}`;
    report(context, { ...at, rule: "operation-removed-before-sunset", message: `${label} ${when}`, impact: `clients that call ${operation.path}` }, ref);
  } else {
    report(context, { ...at, rule: "operation-removed", message: label, impact: `clients that call ${operation.path}` }, ref);
  }
}

/**
 * Named schemas: each is an exported type, so one that disappears breaks code that imports it. A
 * removed schema with the same text as an added one was renamed: the contract on the wire is the
 * same, only the generated type's name moved.
 */
function compareComponents(context: DiffContext): void {
  const heads = new Set(context.head.schemas.map((schema) => schema.id));
  const bases = new Set(context.base.schemas.map((schema) => schema.id));
  const added = context.head.schemas.filter((schema) => !bases.has(schema.id));
  const renamedTo = new Map<string, NamedSchema>();
  for (const schema of context.base.schemas) {
    if (heads.has(schema.id)) continue;
    const text = JSON.stringify(schema.schema);
    const target = added.find((other) => !renamedTo.has(other.id) && JSON.stringify(other.schema) === text);
    const at = pointer("components", "schemas", schema.name);
    if (target !== undefined) {
      renamedTo.set(target.id, schema);
      report(context, { rule: "component-schema-renamed", location: `components.schemas.${schema.name}`, basePointer: at, headPointer: pointer("components", "schemas", target.name), message: `schema ${schema.name} → ${target.name} (type ${schema.id} → ${target.id})`, impact: `code that imports ${schema.id}` }, undefined);
      continue;
    }
    report(context, { rule: "component-schema-removed", location: `components.schemas.${schema.name}`, basePointer: at, headPointer: existing(context.head.typesSource, "#/components/schemas", "#"), message: `schema ${schema.name} (type ${schema.id}) removed`, impact: `code that imports ${schema.id}` }, undefined);
  }
  for (const schema of added) {
    if (renamedTo.has(schema.id)) continue;
    const at = pointer("components", "schemas", schema.name);
    report(context, { rule: "component-schema-added", location: `components.schemas.${schema.name}`, basePointer: existing(context.base.typesSource, "#/components/schemas", "#"), headPointer: at, message: `schema ${schema.name} (type ${schema.id}) added` }, undefined);
  }
}

function stabilityByRef(refs: Map<Operation, OperationRef>): Map<OperationRef, StabilityLevel | undefined> {
  return new Map([...refs].map(([operation, ref]) => [ref, operation.stability]));
}

/**
 * Draft and alpha operations may change freely: a change that reaches only such operations (by
 * their level on the base side, or the head's for a new one) is a notice.
 */
function relaxUnstable(changes: Finding[], levels: Map<OperationRef, StabilityLevel | undefined>): Finding[] {
  return changes.map((change) => {
    const free = change.operations.length > 0 && change.operations.every((operation) => {
      const level = levels.get(operation);
      return level === "draft" || level === "alpha";
    });
    if (!free || change.severity === "notice" || change.severity === "safe") return change;
    return { ...change, severity: "notice", message: `${change.message} (${levels.get(change.operations[0] as OperationRef)} operation: may change freely)` };
  });
}

function summarize(changes: Finding[]): DiffResult["summary"] {
  const summary = Object.fromEntries(SEVERITIES.map((severity) => [severity, { changes: 0, operations: 0 }])) as DiffResult["summary"];
  const reached = new Map<Severity, Set<OperationRef>>(SEVERITIES.map((severity) => [severity, new Set()]));
  for (const change of changes) {
    summary[change.severity].changes += 1;
    for (const operation of change.operations) reached.get(change.severity)?.add(operation);
  }
  for (const severity of SEVERITIES) summary[severity].operations = reached.get(severity)?.size ?? 0;
  return summary;
}
