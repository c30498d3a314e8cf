import type { JsonSchema } from "./model.js";
import { isRecord } from "./context.js";

/** A Schema Object (OpenAPI 3.0 §4.7.24, 3.1 §4.8.24) kept as data; `undefined` when absent or malformed. */
export function buildSchema(value: unknown): JsonSchema | undefined {
  if (typeof value === "boolean") return value;
  return isRecord(value) ? value : undefined;
}
