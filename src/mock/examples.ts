/**
 * The examples a contract gives for one response's media type, by name: each entry of
 * `examples` (its `$ref` followed; `externalValue` is never fetched), `example` as "example", and
 * the schema's own `example` as "schema".
 */
import { parsePointer } from "../pointer.js";
import { isSchema } from "./merge-schemas.js";

/** Follows local `$ref`s (a bounded number of hops) to the node they name. */
export function follow(document: unknown, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 16 && isSchema(current) && typeof current["$ref"] === "string"; hops++) {
    current = at(document, current["$ref"]);
  }
  return current;
}

/** The node a `#/…` pointer names in the document, or undefined. */
export function at(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node = document;
  for (const token of parsePointer(ref)) node = isSchema(node) && Object.hasOwn(node, token) ? node[token] : Array.isArray(node) ? node[Number(token)] : undefined;
  return node;
}

/** The named examples of one media type (the Media Type Object at `mediaPointer`). */
export function mediaExamples(document: unknown, mediaPointer: string): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const media = follow(document, at(document, mediaPointer));
  if (!isSchema(media)) return found;
  const named = isSchema(media["examples"]) ? media["examples"] : {};
  for (const [name, entry] of Object.entries(named)) {
    const example = follow(document, entry);
    if (isSchema(example) && Object.hasOwn(example, "value")) found.set(name, example["value"]);
  }
  if (media["example"] !== undefined) found.set("example", media["example"]);
  const schema = follow(document, media["schema"]);
  if (isSchema(schema) && schema["example"] !== undefined) found.set("schema", schema["example"]);
  return found;
}
