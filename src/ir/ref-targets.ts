import { valueAtPointer } from "../pointer.js";
import type { JsonSchema, Operation } from "./model.js";

/**
 * Every schema a `$ref` in an operation's schemas reaches, directly or through other referenced
 * schemas, by its pointer: what the server's validators need beside the operations. Walks keep
 * their own stacks; a pointer that names nothing maps to `undefined`.
 */
export function collectRefTargets(document: unknown, operations: readonly Operation[]): Map<string, JsonSchema | undefined> {
  const targets = new Map<string, JsonSchema | undefined>();
  const pending: unknown[] = [];
  for (const operation of operations) {
    for (const parameter of Object.values(operation.parameters).flat()) pending.push(parameter.schema);
    for (const media of operation.requestBody?.content ?? []) pending.push(media.schema);
    for (const response of operation.responses) for (const media of response.content) pending.push(media.schema);
  }
  const seen = new Set<object>();
  for (let node = pending.pop(); node !== undefined || pending.length > 0; node = pending.pop()) {
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#") && !targets.has(ref)) {
      const target = valueAtPointer(document, ref) as JsonSchema | undefined;
      targets.set(ref, target);
      pending.push(target);
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) pending.push(child);
  }
  return targets;
}
