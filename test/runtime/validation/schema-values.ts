import fc from "fast-check";

/**
 * Values for a JSON Schema, valid and nearly valid: each keyword's edge (a bound, one past it),
 * enum members and strangers, required properties sometimes left out, extra properties, wrong
 * types. For parameters and form fields (`asText`) the values are what a request can carry there:
 * text, lists of text, and objects of those (deepObject, bracketed form fields). Random JSON is
 * mixed in throughout.
 */
export function valuesFor(schema: unknown, resolve: (ref: string) => unknown, asText: boolean): fc.Arbitrary<unknown> {
  const build = (node: unknown, depth: number): fc.Arbitrary<unknown> => {
    const stranger = fc.jsonValue({ maxDepth: 2 });
    if (depth > 5 || typeof node !== "object" || node === null || Array.isArray(node)) return stranger;
    const schema = node as Record<string, unknown>;
    const options: fc.Arbitrary<unknown>[] = [];
    if (typeof schema["$ref"] === "string") options.push(build(resolve(schema["$ref"]), depth + 1));
    if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) options.push(fc.constantFrom(...(schema["enum"] as unknown[])));
    if (Object.hasOwn(schema, "const")) options.push(fc.constant(schema["const"]));
    for (const keyword of ["anyOf", "oneOf"]) {
      const list = schema[keyword];
      if (Array.isArray(list) && list.length > 0) options.push(fc.oneof(...list.map((item) => build(item, depth + 1))));
    }
    if (Array.isArray(schema["allOf"]) && schema["allOf"].length > 0) {
      const parts = schema["allOf"].map((item) => build(item, depth + 1));
      options.push(fc.tuple(...parts).map((values) => merge(values)));
    }
    const declared = schema["type"];
    const types = typeof declared === "string" ? [declared] : Array.isArray(declared) ? (declared as string[]) : [];
    if (types.length === 0 && (isRecord(schema["properties"]) || Array.isArray(schema["required"]))) types.push("object");
    for (const type of types) options.push(ofType(type, schema, depth));
    if (options.length === 0) return stranger;
    return fc.oneof({ arbitrary: fc.oneof(...options), weight: 8 }, { arbitrary: stranger, weight: 1 });
  };

  const ofType = (type: string, schema: Record<string, unknown>, depth: number): fc.Arbitrary<unknown> => {
    switch (type) {
      case "string": {
        const min = numberAt(schema, "minLength") ?? 0;
        const max = numberAt(schema, "maxLength") ?? min + 8;
        const samples = fc.constantFrom("2024-02-29", "2024-02-30T10:00:00Z", "2024-02-29T10:00:00Z", "a@b.co", "not an email", "8a3c8d1e-5b2a-4c3d-9e8f-0a1b2c3d4e5f", "https://example.com/x", "aGVsbG8=", "123", "true", "", "𝄞𝄞");
        return fc.oneof(fc.string({ minLength: Math.max(0, min - 1), maxLength: Math.min(max + 1, 40), unit: "grapheme" }), samples);
      }
      case "integer":
      case "number": {
        const edges = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"].flatMap((keyword) => {
          const limit = numberAt(schema, keyword);
          return limit === undefined ? [] : [limit, limit - 1, limit + 1, limit + 0.5];
        });
        return fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, 2 ** 31, -(2 ** 31) - 1, ...edges));
      }
      case "boolean":
        return fc.boolean();
      case "null":
        return fc.constant(null);
      case "array": {
        const items = Array.isArray(schema["items"]) ? fc.jsonValue({ maxDepth: 1 }) : build(schema["items"], depth + 1);
        const min = numberAt(schema, "minItems") ?? 0;
        const max = numberAt(schema, "maxItems") ?? min + 3;
        return fc.array(items, { minLength: Math.max(0, min - 1), maxLength: Math.min(max + 1, min + 4) });
      }
      case "object": {
        const properties = isRecord(schema["properties"]) ? schema["properties"] : {};
        const names = Object.keys(properties);
        const record = fc.record(Object.fromEntries(names.map((name) => [name, build(properties[name], depth + 1)])), { requiredKeys: [] });
        const required = Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [];
        const filled = fc.tuple(record, fc.boolean(), fc.option(fc.tuple(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })))).map(([value, fill, extra]) => {
          const out: Record<string, unknown> = { ...value };
          if (fill) for (const name of required) if (!Object.hasOwn(out, name)) out[name] = "x";
          if (extra !== null) out[extra[0]] = extra[1];
          return out;
        });
        return filled;
      }
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  };

  const values = build(schema, 0);
  return asText ? values.map(toText) : values;
}

function merge(values: unknown[]): unknown {
  const objects = values.filter((value): value is Record<string, unknown> => isRecord(value));
  return objects.length === values.length ? Object.assign({}, ...objects) : values[0];
}

/** A value as a query string or form field carries it: text, lists of text, objects of those. */
function toText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? toText(item) : Array.isArray(item) ? JSON.stringify(item) : String(item)));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toText(item)]));
  return value === undefined ? value : String(value);
}

function numberAt(schema: Record<string, unknown>, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === "number" ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
