import type { Operation, SecurityRequirement, SecurityScheme } from "../ir/model.js";
import { pointer } from "../pointer.js";
import type { OperationRef } from "./finding.js";
import { existing, report, type DiffContext } from "./context.js";

function schemesOf(requirement: SecurityRequirement): string {
  return requirement
    .map((entry) => entry.scheme)
    .sort()
    .join(" + ");
}

/** Where an operation's requirements are written: its own `security`, else the document's. */
function securityPointer(document: unknown, operation: Operation): string {
  return existing(document, `${operation.pointer}/security`, "#/security", operation.pointer);
}

/**
 * Who may call: auth added to an open operation, a way to authenticate removed (no requirement
 * left that a caller who met an old one still meets), scopes added, and the schemes in use
 * changing how credentials travel.
 */
export function compareSecurity(context: DiffContext, base: Operation, head: Operation, operation: OperationRef): void {
  const at = { basePointer: securityPointer(context.base.typesSource, base), headPointer: securityPointer(context.head.typesSource, head), location: "security" };
  const open = (requirements: SecurityRequirement[]) => requirements.length === 0 || requirements.some((requirement) => requirement.length === 0);
  if (open(base.security) && !open(head.security)) {
    report(context, { ...at, rule: "security-added", message: `authentication required: ${head.security.map(schemesOf).join(" or ")}`, impact: "clients that call without credentials" }, operation);
    return;
  }
  if (!open(base.security) && open(head.security)) {
    report(context, { ...at, rule: "security-removed", message: "authentication no longer required" }, operation);
    return;
  }
  if (open(base.security)) return;
  const exact = (requirement: SecurityRequirement) => requirement.map((entry) => `${entry.scheme}(${[...entry.scopes].sort().join(" ")})`).sort().join(" + ");
  const headKeys = new Set(head.security.map(exact));
  const baseKeys = new Set(base.security.map(exact));
  const paired = new Set<SecurityRequirement>();
  for (const requirement of base.security) {
    if (headKeys.has(exact(requirement))) continue;
    const schemes = schemesOf(requirement);
    // The same schemes with other scopes: the scopes changed.
    const same = head.security.find((other) => !paired.has(other) && !baseKeys.has(exact(other)) && schemesOf(other) === schemes);
    if (same !== undefined) {
      paired.add(same);
      compareScopes(context, requirement, same, at, operation);
      continue;
    }
    // A caller who met this requirement still gets in through one that asks for no more.
    const names = new Set(requirement.map((entry) => entry.scheme));
    const covered = head.security.some((other) => other.every((entry) => names.has(entry.scheme) && entry.scopes.every((scope) => requirement.find((own) => own.scheme === entry.scheme)?.scopes.includes(scope))));
    if (!covered) report(context, { ...at, rule: "security-alternative-removed", message: `no longer accepted: ${schemes}`, impact: `clients that authenticate with ${schemes}` }, operation);
  }
  for (const requirement of head.security) {
    if (!baseKeys.has(exact(requirement)) && !paired.has(requirement)) report(context, { ...at, rule: "security-alternative-added", message: `also accepted: ${schemesOf(requirement)}` }, operation);
  }
  compareSchemes(context, base, operation);
}

function compareScopes(context: DiffContext, base: SecurityRequirement, head: SecurityRequirement, at: { basePointer: string; headPointer: string; location: string }, operation: OperationRef): void {
  for (const entry of base) {
    const headScopes = head.find((other) => other.scheme === entry.scheme)?.scopes ?? [];
    const added = headScopes.filter((scope) => !entry.scopes.includes(scope));
    const removed = entry.scopes.filter((scope) => !headScopes.includes(scope));
    if (added.length > 0) report(context, { ...at, rule: "security-scope-added", message: `${entry.scheme} needs scope ${added.join(", ")}`, impact: `clients whose ${entry.scheme} credentials lack ${added.join(", ")}` }, operation);
    if (removed.length > 0) report(context, { ...at, rule: "security-scope-removed", message: `${entry.scheme} no longer needs scope ${removed.join(", ")}` }, operation);
  }
}

/** The schemes an operation uses, where both sides define them: how credentials travel must not change. */
function compareSchemes(context: DiffContext, base: Operation, operation: OperationRef): void {
  const used = new Set(base.security.flat().map((entry) => entry.scheme));
  for (const name of used) {
    const before = context.base.securitySchemes.find((scheme) => scheme.name === name);
    const after = context.head.securitySchemes.find((scheme) => scheme.name === name);
    if (before === undefined || after === undefined) continue;
    const changed = describeScheme(before) !== describeScheme(after);
    if (!changed) continue;
    const at = pointer("components", "securitySchemes", name);
    report(
      context,
      {
        rule: "security-scheme-changed",
        location: `security scheme ${name}`,
        basePointer: at,
        headPointer: at,
        message: `${name}: ${describeScheme(before)} → ${describeScheme(after)}`,
        impact: `clients that send ${name} credentials as ${describeScheme(before)}`,
      },
      operation,
    );
  }
}

function describeScheme(scheme: SecurityScheme): string {
  if (scheme.type === "apiKey") return `apiKey in ${scheme.in ?? "?"} ${scheme.parameterName ?? ""}`.trim();
  if (scheme.type === "http") return `http ${scheme.scheme ?? ""}`.trim();
  return scheme.type;
}
