import { fullFormats } from "ajv-formats/dist/formats.js";
import { sameJson } from "./same-json.js";
import type { Check, PatternTest, SchemaError } from "./schema-check.js";
import { declaredTypes, hasType, typeTest } from "./schema-types.js";

/** The keywords that check one value on their own, as ajv words their errors. */

export type Schema = Readonly<Record<string, unknown>>;

interface FormatDefinition {
  readonly type: "string" | "number";
  readonly test: (value: never) => boolean;
}

/** Formats OpenAPI names beyond JSON Schema's, checked as the generator documents them. */
const OPENAPI_FORMATS: Readonly<Record<string, FormatDefinition>> = {
  int32: {
    type: "number",
    test: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  },
  int64: { type: "number", test: (n: number) => Number.isInteger(n) },
  float: { type: "number", test: () => true },
  double: { type: "number", test: () => true },
  byte: { type: "string", test: (s: string) => BASE64.test(s) },
  binary: { type: "string", test: () => true },
  password: { type: "string", test: () => true },
};
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function numberChecks(schema: Schema): Check[] {
  const checks: Check[] = [];
  const bounds = [
    ["maximum", "<=", (n: number, limit: number) => n <= limit],
    ["minimum", ">=", (n: number, limit: number) => n >= limit],
    ["exclusiveMaximum", "<", (n: number, limit: number) => n < limit],
    ["exclusiveMinimum", ">", (n: number, limit: number) => n > limit],
  ] as const;
  for (const [keyword, comparison, holds] of bounds) {
    const limit = schema[keyword];
    if (typeof limit !== "number") continue;
    checks.push(
      fail(
        (n: number) => !holds(n, limit),
        keyword,
        { comparison, limit },
        `must be ${comparison} ${limit}`,
      ),
    );
  }
  const multipleOf = schema["multipleOf"];
  if (typeof multipleOf === "number") {
    checks.push(
      fail(
        (n: number) => n / multipleOf !== Number.parseInt(String(n / multipleOf)),
        "multipleOf",
        { multipleOf },
        `must be multiple of ${multipleOf}`,
      ),
    );
  }
  return checks;
}

export function stringChecks(
  schema: Schema,
  compilePattern: (source: string) => PatternTest,
): Check[] {
  const checks: Check[] = [];
  // Lengths count code points. A string has no more code points than UTF-16 units, and at least
  // half as many: most strings are judged by `length` without counting.
  checks.push(
    ...sizeLimits(
      schema,
      "Length",
      (s: string, limit) => s.length > limit && codePoints(s) > limit,
      (s: string, limit) => s.length < 2 * limit && codePoints(s) < limit,
      "characters",
    ),
  );
  const pattern = schema["pattern"];
  if (typeof pattern === "string") {
    let compiled: PatternTest | undefined;
    // Compiled on first use: a large contract's patterns cost nothing at startup.
    checks.push(
      fail(
        (s: string) => !(compiled ??= compilePattern(pattern)).test(s),
        "pattern",
        { pattern },
        `must match pattern "${pattern}"`,
      ),
    );
  }
  return checks;
}

export function formatCheck(format: string): Check | undefined {
  const definition = Object.hasOwn(OPENAPI_FORMATS, format)
    ? OPENAPI_FORMATS[format]
    : fromAjvFormats(format);
  if (definition === undefined) return undefined;
  const { type, test } = definition;
  const message = `must match format "${format}"`;
  return (data, path, _parent, _key, errors) => {
    if (typeof data !== type || (test as (value: unknown) => boolean)(data)) return true;
    errors.push({ instancePath: path, keyword: "format", params: { format }, message });
    return false;
  };
}

/** ajv-formats' full formats: a regular expression, a function, `true`, or `{ type, validate }`. */
function fromAjvFormats(format: string): FormatDefinition | undefined {
  const known = fullFormats as unknown as Record<string, unknown>;
  if (!Object.hasOwn(known, format)) return undefined;
  const entry = known[format];
  if (entry === true) return undefined;
  if (entry instanceof RegExp) return { type: "string", test: (s: string) => entry.test(s) };
  if (typeof entry === "function") return { type: "string", test: entry as (s: string) => boolean };
  if (typeof entry === "object" && entry !== null) {
    const { type, validate } = entry as { type?: string; validate?: unknown };
    const test =
      validate instanceof RegExp
        ? (s: string) => validate.test(s)
        : typeof validate === "function"
          ? (validate as (v: never) => boolean)
          : undefined;
    if (test === undefined) return undefined;
    return { type: type === "number" ? "number" : "string", test };
  }
  return undefined;
}

export function requiredCheck(names: readonly string[]): Check {
  return (data, path, _parent, _key, errors) =>
    hasRequired(data as Record<string, unknown>, names, path, errors);
}

/** `required` on an object: whether it has every one of `names`, each one it lacks reported. */
export function hasRequired(
  object: Record<string, unknown>,
  names: readonly string[],
  path: string,
  errors: SchemaError[],
): boolean {
  let valid = true;
  for (const missingProperty of names) {
    if (hasMember(object, missingProperty)) continue;
    errors.push({
      instancePath: path,
      keyword: "required",
      params: { missingProperty },
      message: `must have required property '${missingProperty}'`,
    });
    valid = false;
  }
  return valid;
}

/**
 * `uniqueItems`. When the item schema declares only scalar types, items of another type are left
 * to the `items` check (as ajv does) and do not count as duplicates of each other.
 */
export function uniqueItemsCheck(scalarTypes: readonly string[] | undefined): Check {
  return (data, path, _parent, _key, errors) => {
    const items = data as unknown[];
    for (let i = items.length; i--;) {
      if (scalarTypes !== undefined && !scalarTypes.some((type) => hasType(items[i], type)))
        continue;
      for (let j = i; j--;) {
        if (!sameJson(items[i], items[j])) continue;
        errors.push({
          instancePath: path,
          keyword: "uniqueItems",
          params: { i, j },
          message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
        });
        return false;
      }
    }
    return true;
  };
}

/** The types an item schema declares, when they are all scalar. */
export function scalarItemTypes(items: unknown): readonly string[] | undefined {
  if (!isSchema(items)) return undefined;
  const types = declaredTypes(items);
  return types.length > 0 && !types.some((type) => type === "object" || type === "array")
    ? types
    : undefined;
}

/**
 * `max<Kind>` and `min<Kind>` (`maxLength`, `minItems`, `maxProperties`, …): whether the value is
 * over (`over`) or under (`under`) a limit, worded as ajv words them.
 */
export function sizeLimits<T>(
  schema: Schema,
  kind: "Length" | "Items" | "Properties",
  over: (data: T, limit: number) => boolean,
  under: (data: T, limit: number) => boolean,
  unit: string,
): Check[] {
  const checks: Check[] = [];
  for (const more of [true, false]) {
    const keyword = `${more ? "max" : "min"}${kind}`;
    const limit = schema[keyword];
    if (typeof limit !== "number") continue;
    const outside = more ? over : under;
    checks.push(
      fail(
        (data: T) => outside(data, limit),
        keyword,
        { limit },
        `must NOT have ${more ? "more" : "fewer"} than ${limit} ${unit}`,
      ),
    );
  }
  return checks;
}

/** A check that reports one error with fixed params when `failed` holds. */
export function fail<T>(
  failed: (data: T) => boolean,
  keyword: string,
  params: Record<string, unknown>,
  message: string,
): Check {
  return (data, path, _parent, _key, errors) => {
    if (!failed(data as T)) return true;
    errors.push({ instancePath: path, keyword, params, message });
    return false;
  };
}

/** What `parent[key]` holds (`undefined` at the root, which has no parent). */
export function slot(parent: unknown, key: string | number): unknown {
  return parent === undefined ? undefined : (parent as Record<string | number, unknown>)[key];
}

/**
 * The value the next check on the same data sees, as ajv's local data variable: the coerced value
 * when the last check coerced it in place (wrote `parent[key]`, which held `before`), else `value`.
 */
export function settled(
  value: unknown,
  before: unknown,
  parent: unknown,
  key: string | number,
): unknown {
  if (parent === undefined) return value;
  const now = (parent as Record<string | number, unknown>)[key];
  return now === before ? value : now;
}

/** Runs every check of a list on one value (all of them: errors are collected). */
export type RunChecks = (checks: readonly Check[], ...value: Parameters<Check>) => boolean;

/**
 * Runs each check on the value as the last left it: a check that coerces its value writes it to
 * `parent[key]`, and the next one sees that.
 */
export const runAll: RunChecks = (checks, data, path, parent, key, errors) => {
  let valid = true;
  let value = data;
  for (const check of checks) {
    const before = slot(parent, key);
    if (!check(value, path, parent, key, errors)) valid = false;
    value = settled(value, before, parent, key);
  }
  return valid;
};

/**
 * Runs checks none of which can replace the value (they check it, or what is inside it): unlike
 * {@link runAll}, `parent[key]` is not read around each one.
 */
export const runEach: RunChecks = (checks, data, path, parent, key, errors) => {
  let valid = true;
  for (let index = 0; index < checks.length; index++)
    if (!(checks[index] as Check)(data, path, parent, key, errors)) valid = false;
  return valid;
};

/**
 * Keywords that apply only to one JSON type: other values pass them. None replaces the value it
 * is given (an object or array is never coerced; its members may be, in place).
 */
export function typed(type: "number" | "string" | "array" | "object", checks: Check[]): Check[] {
  if (checks.length === 0) return [];
  const isType = typeTest(type);
  const only = checks.length === 1 ? (checks[0] as Check) : undefined;
  return [
    (data, path, parent, key, errors) => {
      if (!isType(data)) return true;
      if (only !== undefined) return only(data, path, parent, key, errors);
      return runEach(checks, data, path, parent, key, errors);
    },
  ];
}

export function defaultOf(schema: unknown): { value: unknown } | undefined {
  return isSchema(schema) && Object.hasOwn(schema, "default")
    ? { value: schema["default"] }
    : undefined;
}

/** A default to fill in: a copy of its own when it is an object or array, else the value itself. */
export function freshDefault(value: unknown): unknown {
  return typeof value === "object" && value !== null ? structuredClone(value) : value;
}

export function hasMember(object: Record<string, unknown>, name: string): boolean {
  return object[name] !== undefined && Object.hasOwn(object, name);
}

/** Length in code points, as JSON Schema counts it (a surrogate pair is one character). */
export function codePoints(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    length++;
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if ((next & 0xfc00) === 0xdc00) index++;
    }
  }
  return length;
}

export function escapeToken(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A schema object with no object inside it (arrays of scalars, such as `enum` and `required`, allowed). */
export function isFlat(schema: unknown): boolean {
  if (!isSchema(schema)) return false;
  for (const key in schema) {
    if (!Object.hasOwn(schema, key)) continue;
    const value = schema[key];
    if (typeof value !== "object" || value === null) continue;
    if (!Array.isArray(value)) return false;
    for (const item of value) if (typeof item === "object" && item !== null) return false;
  }
  return true;
}

const REF_KEYWORDS = new Set([
  "$ref",
  "$recursiveRef",
  "$recursiveAnchor",
  "$dynamicRef",
  "$dynamicAnchor",
]);

/** Whether a `$ref` (or another reference keyword) is anywhere inside `schema`, as ajv looks for one. */
export function holdsRef(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  for (const [key, value] of Object.entries(schema)) {
    if (REF_KEYWORDS.has(key)) return true;
    if (Array.isArray(value) ? value.some(holdsRef) : holdsRef(value)) return true;
  }
  return false;
}
