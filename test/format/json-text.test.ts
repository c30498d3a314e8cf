import fc from "fast-check";
import { format } from "prettier";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS } from "../../src/format/format.js";
import { JsonTextValue } from "../../src/emit/generated-file.js";
import { printValue } from "../../src/format/print/js-value.js";
import { SchemaText } from "../../templates/runtime/server/schema-text.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/**
 * Text that could end a template literal or change what it spells, were it not escaped. (Beyond
 * ASCII, the printer counts columns as prettier does for the scripts contracts use, not for every
 * code point: see `textWidth`.)
 */
const hostile = fc.constantFrom("`", "${x}", "\\", "\\`", "$", "{", "\u2028", "\u2029", "</script>", "\n", "\r\n", "\ud800", '"', "'", "*/", "日本", "𝒜x", "ünïcode");
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary-ascii", maxLength: 12 }), hostile, fc.array(hostile, { maxLength: 4 }).map((parts) => parts.join("x")));
const key = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,30}$/), fc.constantFrom("__proto__", "$ref", "200", "a-b"), text);

/** JSON data, some of whose objects and arrays the generated code holds as JSON text. */
const data = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.constant("x".repeat(120))),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }).map((value) => new JsonTextValue("SchemaText", value)),
    fc.array(tie("value"), { maxLength: 5 }).map((value) => new JsonTextValue("SchemaText", value)),
  ),
}));

/** The value with each JSON text replaced by what it holds. */
function plain(value: unknown): unknown {
  if (value instanceof JsonTextValue) return plain(value.value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) Object.defineProperty(copy, name, { value: plain(item), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return value;
}

describe("JSON text in generated data (`new SchemaText(`…`)`)", () => {
  it("is laid out as prettier keeps it, and spells back the value whatever its strings hold (fixed seed)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, data.value, { minKeys: 1, maxKeys: 4 }), fc.integer({ min: 0, max: 70 }), async (value, pad) => {
        const head = `export const ${"v".repeat(pad + 1)} = `;
        const expression = printValue(value, { indentation: "", column: head.length, trailing: 1 });
        const source = `${head}${expression};\n`;
        expect(await format(source, PRETTIER_OPTIONS)).toBe(source);
        const read = runInNewContext(`(${expression})`, { SchemaText }) as unknown;
        expect(JSON.parse(JSON.stringify(read))).toEqual(JSON.parse(JSON.stringify(plain(value))));
      }),
      { numRuns: Math.ceil((FUZZ_RUNS * 3) / 4), seed: FUZZ_SEED },
    );
  });

  it("parses a text once, on first use, and then serves the same value", () => {
    const schema = new SchemaText('{ "type": "object", "properties": { "__proto__": { "type": "string" } } }');
    const first = schema.value as Record<string, Record<string, unknown>>;
    expect(schema.value).toBe(first);
    expect(Object.hasOwn(first["properties"] ?? {}, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(first["properties"])).toBe(Object.prototype);
    expect(JSON.stringify({ schema })).toBe(JSON.stringify({ schema: first }));
  });
});
