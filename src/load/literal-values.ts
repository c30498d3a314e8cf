/**
 * Values that OpenAPI defines as data (examples, defaults, enums, consts) may contain keys named
 * `$ref` that are not references. The reference resolver cannot tell them apart, so before it
 * runs, each such value is hidden behind a symbol-keyed holder (invisible to `Object.keys`), and
 * after bundling it is put back.
 */
import { setOwn } from "../own.js";

const HIDDEN = Symbol("codegen.literal");

type Holder = { [HIDDEN]: unknown };

/** Keys whose values are data, at any keyword position. */
const DATA_KEYWORDS = new Set(["example", "default", "const"]);

/**
 * Keys whose values are maps from user-chosen names to objects: a child named `example` there is
 * a name, not a keyword.
 */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "paths",
  "webhooks",
  "callbacks",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "pathItems",
  "content",
  "encoding",
  "variables",
  "mapping",
  "scopes",
]);

/**
 * Only objects can hold a `$ref` key; primitives stay as they are, so validation still sees them.
 * A value already hidden stays as it is, so a subtree reached twice (through a YAML alias) is
 * hidden once.
 */
function hide(value: unknown): unknown {
  return typeof value === "object" && value !== null && !isHolder(value) ? { [HIDDEN]: value } : value;
}

function isHolder(value: unknown): value is Holder {
  return typeof value === "object" && value !== null && HIDDEN in value;
}

/**
 * Hides every data value in a parsed spec document, in place. The document has passed
 * `checkBounds`: no cycle, and a size bounded even with every alias written out, so it is walked
 * as a tree (a shared subtree is walked again, and finds its values hidden).
 */
export function hideLiteralValues(document: unknown): void {
  visitKeywords(document);
}

function visitKeywords(node: unknown): void {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) visitKeywords(item);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (DATA_KEYWORDS.has(key)) {
      setOwn(record, key, hide(value));
    } else if (key === "enum" && Array.isArray(value)) {
      setOwn(record, key, value.map(hide));
    } else if (key === "examples") {
      hideExamples(value);
    } else if (NAME_MAPS.has(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const child of Object.values(value)) visitKeywords(child);
    } else {
      visitKeywords(value);
    }
  }
}

/** `examples` is an array of values (JSON Schema) or a map of Example Objects (OpenAPI). */
function hideExamples(value: unknown): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = hide(value[index]);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const example of Object.values(value)) {
    if (typeof example === "object" && example !== null && "value" in example) {
      const record = example as Record<string, unknown>;
      setOwn(record, "value", hide(record.value));
    }
  }
}

/**
 * Puts every hidden data value back, in place; returns the (possibly replaced) root. Walked as a
 * tree, as {@link hideLiteralValues} walks it: a shared subtree walked again finds nothing hidden.
 */
export function restoreLiteralValues(document: unknown): unknown {
  return restore(document);
}

function restore(node: unknown): unknown {
  if (isHolder(node)) return node[HIDDEN];
  if (typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) node[index] = restore(node[index]);
  } else {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      const restored = restore(value);
      if (restored !== value) setOwn(record, key, restored);
    }
  }
  return node;
}
