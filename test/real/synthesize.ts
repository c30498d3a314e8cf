import { valueAtPointer } from "../../src/pointer.js";

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** How deep objects are filled in before `{}` stands in (recursive schemas). */
const MAX_DEPTH = 6;

const BY_FORMAT: Readonly<Record<string, unknown>> = {
  "date-time": "2024-01-15T10:30:00Z",
  date: "2024-01-15",
  time: "10:30:00Z",
  email: "ada@example.com",
  uuid: "0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10",
  uri: "https://example.com/a",
  url: "https://example.com/a",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "aGVsbG8=",
  int32: 1,
  int64: 1,
};

/**
 * A value for a schema of the document, made generically from what the schema itself offers: its
 * example, `const`, first `enum` value or default; else a value of its type that meets its
 * bounds and formats (required properties only). No per-spec knowledge.
 */
export function synthesize(schema: unknown, document: Json, depth = 0): unknown {
  const resolved = resolve(schema, document);
  if (!isRecord(resolved)) return "x";
  if (resolved.example !== undefined) return resolved.example;
  if (Array.isArray(resolved.examples) && resolved.examples.length > 0) return resolved.examples[0];
  if (resolved.const !== undefined) return resolved.const;
  if (Array.isArray(resolved.enum)) {
    const value = resolved.enum.find((entry) => entry !== null);
    if (value !== undefined) return value;
  }
  if (resolved.default !== undefined) return resolved.default;
  if (Array.isArray(resolved.allOf)) {
    const parts = resolved.allOf.map((part) => synthesize(part, document, depth + 1));
    return parts.every(isRecord) ? Object.assign({}, ...parts) : parts[0];
  }
  for (const keyword of ["oneOf", "anyOf"]) {
    const options = resolved[keyword];
    if (Array.isArray(options) && options.length > 0) {
      const option = options.find((entry) => resolve(entry, document)?.type !== "null") ?? options[0];
      return synthesize(option, document, depth + 1);
    }
  }
  return byType(resolved, typeOf(resolved), document, depth);
}

function byType(schema: Json, type: string | undefined, document: Json, depth: number): unknown {
  switch (type) {
    case "string":
      return text(schema);
    case "integer":
    case "number":
      return number(schema, type);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      const count = Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 1);
      return depth > MAX_DEPTH ? [] : Array.from({ length: count }, () => synthesize(schema.items ?? {}, document, depth + 1));
    }
    case "object": {
      if (depth > MAX_DEPTH) return {};
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === "string") : [];
      return Object.fromEntries(required.map((name) => [name, synthesize(properties[name] ?? {}, document, depth + 1)]));
    }
    default:
      return "x";
  }
}

/** Strings tried, in order, against a pattern the schema declares. */
const CANDIDATES = ["example", "1", "123456789012345678", "a", "A", "abc", "ABC", "abc123", "a-b", "a_b", "en", "US", "USD", "2024-01-15", "#ffffff", "ada@example.com", "https://example.com/a"];

function text(schema: Json): string {
  const format = typeof schema.format === "string" ? BY_FORMAT[schema.format] : undefined;
  if (typeof format === "string") return format;
  const min = typeof schema.minLength === "number" ? schema.minLength : 1;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Math.max(min, 18);
  const fits = (candidate: string) => candidate.length >= min && candidate.length <= max;
  if (typeof schema.pattern === "string") {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern, "u");
    } catch {
      pattern = undefined;
    }
    // The pattern's literal start (`^/v1/accounts`) is often a value on its own.
    const prefix = /^\^?((?:[\w/:.-]|\\[/.-])*)/.exec(schema.pattern)?.[1]?.replace(/\\(.)/g, "$1") ?? "";
    const match = [prefix, `${prefix}1`, ...CANDIDATES].find((candidate) => fits(candidate) && pattern?.test(candidate) === true);
    if (match !== undefined) return match;
  }
  return "example".padEnd(min, "x").slice(0, max);
}

function number(schema: Json, type: string): number {
  const minimum = typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : undefined;
  const maximum = typeof schema.maximum === "number" ? schema.maximum : typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum - 1 : undefined;
  let value = minimum ?? Math.min(1, maximum ?? 1);
  if (schema.exclusiveMinimum === true && value === schema.minimum) value += 1;
  if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return type === "integer" ? Math.ceil(value) : value;
}

function typeOf(schema: Json): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== "null") : schema.type;
  if (typeof type === "string") return type;
  if (isRecord(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

/** A schema (or parameter, body…) with `$ref`s inside the document followed. */
export function resolve(value: unknown, document: Json): Json | undefined {
  let current = value;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && hops < 32; hops++) {
    current = current.$ref.startsWith("#") ? valueAtPointer(document, current.$ref) : undefined;
  }
  return isRecord(current) ? current : undefined;
}

/** The example a parameter or media type object carries (`example`, or the first of `examples`), if any. */
export function exampleOf(holder: Json, document: Json): { value: unknown } | undefined {
  if (holder.example !== undefined) return { value: holder.example };
  if (isRecord(holder.examples)) {
    for (const entry of Object.values(holder.examples)) {
      const example = resolve(entry, document);
      if (example !== undefined && example.value !== undefined) return { value: example.value };
    }
  }
  return undefined;
}
