/**
 * `allOf` as one schema, so the mock draws one value that meets every part: properties and
 * `required` united, bounds narrowed, types intersected. What cannot be merged (two `pattern`s)
 * keeps the first; the answer is checked against the whole schema afterwards anyway.
 */
import { isRecord } from "../ir/context.js";
import { setOwn } from "../own.js";

export type Schema = Record<string, unknown>;

const LOWER_BOUNDS = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]);
const UPPER_BOUNDS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]);
const UNIONS = new Set(["required", "x-required-in-response", "x-required-in-request"]);

/** Where a merged schema keeps the `if`/`then`/`else` of each part, for the synthesiser to settle. */
export const CONDITIONS = "x-mock-conditions";

export interface Condition {
  if: unknown;
  then: unknown;
  else: unknown;
}

/**
 * One schema meeting every one of `parts` (already resolved; none holds an `allOf`). Each part's
 * `if`/`then`/`else` is kept whole under `CONDITIONS`, for the synthesiser to settle.
 */
export function mergeSchemas(parts: readonly Schema[]): Schema {
  const merged: Schema = {};
  const conditions: Condition[] = [];
  for (const part of parts) {
    conditions.push(...conditionsOf(part));
    for (const [key, value] of Object.entries(part)) {
      if (key !== CONDITIONS && key !== "if" && key !== "then" && key !== "else") mergeKeyword(merged, key, value);
    }
  }
  if (conditions.length > 0) setOwn(merged, CONDITIONS, conditions);
  return merged;
}

export function conditionsOf(schema: Schema): Condition[] {
  const kept = schema[CONDITIONS];
  const conditions = Array.isArray(kept) ? (kept as Condition[]) : [];
  return schema["if"] === undefined ? conditions : [...conditions, { if: schema["if"], then: schema["then"], else: schema["else"] }];
}

function mergeKeyword(merged: Schema, key: string, value: unknown): void {
  const current = Object.hasOwn(merged, key) ? merged[key] : undefined;
  if (current === undefined) {
    setOwn(merged, key, value);
  } else if (key === "properties" && isSchema(current) && isSchema(value)) {
    setOwn(merged, key, mergeProperties(current, value));
  } else if (UNIONS.has(key) && Array.isArray(current) && Array.isArray(value)) {
    setOwn(merged, key, [...new Set([...current, ...value])]);
  } else if (LOWER_BOUNDS.has(key) && typeof current === "number" && typeof value === "number") {
    setOwn(merged, key, Math.max(current, value));
  } else if (UPPER_BOUNDS.has(key) && typeof current === "number" && typeof value === "number") {
    setOwn(merged, key, Math.min(current, value));
  } else if (key === "type") {
    setOwn(merged, key, intersectTypes(current, value));
  } else if (key === "enum" && Array.isArray(current) && Array.isArray(value)) {
    const allowed = value.map((item) => JSON.stringify(item));
    setOwn(merged, key, current.filter((item) => allowed.includes(JSON.stringify(item))));
  } else if (key === "additionalProperties" && (current === false || value === false)) {
    setOwn(merged, key, false);
  } else if ((key === "items" || key === "additionalProperties") && isSchema(current) && isSchema(value)) {
    setOwn(merged, key, { allOf: [current, value] });
  }
}

function mergeProperties(current: Schema, added: Schema): Schema {
  const properties: Schema = { ...current };
  for (const [name, schema] of Object.entries(added)) {
    const existing = Object.hasOwn(properties, name) ? properties[name] : undefined;
    setOwn(properties, name, existing === undefined ? schema : { allOf: [existing, schema] });
  }
  return properties;
}

function intersectTypes(current: unknown, added: unknown): unknown {
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);
  const addedTypes = list(added);
  const common = list(current).filter(
    (type) => addedTypes.includes(type) || (type === "integer" && addedTypes.includes("number")),
  );
  const widened = addedTypes.filter((type) => type === "integer" && list(current).includes("number"));
  const types = [...new Set([...common, ...widened])];
  return types.length === 1 ? types[0] : types;
}

/** A schema object (the IR's own test for a JSON object). */
export const isSchema: (value: unknown) => value is Schema = isRecord;
