import type { SchemaError } from "./schema-check.js";
import type { Schema } from "./schema-keywords.js";

/** The `type` keyword and ajv's coercion of text to the declared types. */

/** No coercion to that type fits. */
const WRONG_TYPE = Symbol("wrong type");

/**
 * The `type` keyword: returns the value the schema's other keywords see, coerced when `coerce`
 * allows; a wrong type is reported to `errors`. As in ajv, an array of one value is unwrapped
 * before coercion is tried, and stays unwrapped when no coercion fits.
 */
export function typeCheck(
  schema: Schema,
  coerce: boolean,
): ((data: unknown, path: string, errors: SchemaError[]) => unknown) | undefined {
  const types = declaredTypes(schema);
  if (types.length === 0) return undefined;
  const type = types.join(",");
  const coerceTo = coerce ? types.filter((t) => COERCIBLE.has(t)) : [];
  const tests = types.map(typeTest);
  const fits =
    tests.length === 1
      ? (tests[0] as (data: unknown) => boolean)
      : (data: unknown) => tests.some((test) => test(data));
  return (data, path, errors) => {
    if (fits(data)) return data;
    let value = data;
    if (coerceTo.length > 0) {
      if (Array.isArray(value) && value.length === 1) {
        value = value[0];
        if (unwrappedFits(value, types)) return value;
      }
      for (const target of coerceTo) {
        const coerced = coerceValue(value, target);
        if (coerced !== WRONG_TYPE) return coerced;
      }
    }
    errors.push({
      instancePath: path,
      keyword: "type",
      params: { type },
      message: `must be ${type}`,
    });
    return value;
  };
}

/**
 * Whether an array of one's value is taken as it is, as ajv decides it: for one type, that type;
 * for several, its test of all of them at once (which only the array-and-object shape can pass).
 */
function unwrappedFits(value: unknown, types: readonly string[]): boolean {
  if (types.length === 1) return hasType(value, types[0] as string);
  const rest = new Set(types);
  let fits = true;
  if (rest.has("array") && rest.has("object")) {
    fits = rest.has("null") ? typeof value !== "object" : !value || typeof value !== "object";
    for (const type of ["null", "array", "object"]) rest.delete(type);
  }
  if (rest.has("number")) rest.delete("integer");
  for (const type of rest) fits = fits && hasType(value, type);
  return fits;
}

const COERCIBLE = new Set(["string", "number", "integer", "boolean", "null", "array"]);

/** The test of each JSON Schema type, made once. */
const TYPE_TESTS: Readonly<Record<string, (data: unknown) => boolean>> = {
  null: (data) => data === null,
  array: (data) => Array.isArray(data),
  object: (data) => typeof data === "object" && data !== null && !Array.isArray(data),
  integer: (data) => typeof data === "number" && !(data % 1) && !Number.isNaN(data),
  number: (data) => typeof data === "number",
  string: (data) => typeof data === "string",
  boolean: (data) => typeof data === "boolean",
};

/** The test of one type (an unknown type name matches nothing). */
export function typeTest(type: string): (data: unknown) => boolean {
  return Object.hasOwn(TYPE_TESTS, type)
    ? (TYPE_TESTS[type] as (data: unknown) => boolean)
    : () => false;
}

export function hasType(data: unknown, type: string): boolean {
  return typeTest(type)(data);
}

/** ajv's coercion rules, one target type at a time. */
function coerceValue(data: unknown, type: string): unknown {
  switch (type) {
    case "string":
      if (typeof data === "number" || typeof data === "boolean") return `${data}`;
      return data === null ? "" : WRONG_TYPE;
    case "number":
    case "integer": {
      const numeric =
        typeof data === "string" && data !== "" && Number(data) == (data as unknown as number);
      if (
        typeof data === "boolean" ||
        data === null ||
        (numeric && (type === "number" || !(Number(data) % 1)))
      )
        return Number(data);
      return WRONG_TYPE;
    }
    case "boolean":
      if (data === "false" || data === 0 || data === null) return false;
      return data === "true" || data === 1 ? true : WRONG_TYPE;
    case "null":
      return data === "" || data === 0 || data === false ? null : WRONG_TYPE;
    case "array":
      return typeof data === "string" ||
        typeof data === "number" ||
        typeof data === "boolean" ||
        data === null
        ? [data]
        : WRONG_TYPE;
    default:
      return WRONG_TYPE;
  }
}

/** The types a schema's `type` keyword names: one, several, or none. */
export function declaredTypes(schema: Schema): readonly string[] {
  const declared = schema["type"];
  if (typeof declared === "string") return [declared];
  return Array.isArray(declared) ? (declared as string[]) : [];
}
