import { describe, expect, it } from "vitest";
import { ruleOf, RULES, SCHEMA_CHANGE_KINDS, SCHEMA_CONTEXTS, type SchemaContext } from "../../src/diff/rules.js";
import { diffOf, operationDocument } from "./models.js";

type Schema = Record<string, unknown>;

/**
 * The smallest schema pair that shows each change kind, and the kind the reversed pair shows.
 * `twin` names, per direction, the non-breaking counterpart where both directions of the pair
 * break (a changed type has a widened one).
 */
const ROWS: Array<{ kind: string; base: Schema; head: Schema; reverse: string | undefined; twin?: { request?: string; response?: string } }> = [
  { kind: "type-changed", base: { type: "string" }, head: { type: "boolean" }, reverse: "type-changed", twin: { request: "type-widened", response: "type-narrowed" } },
  { kind: "type-widened", base: { type: "integer" }, head: { type: "number" }, reverse: "type-narrowed" },
  { kind: "format-changed", base: { type: "string", format: "date" }, head: { type: "string", format: "date-time" }, reverse: "format-changed", twin: { request: "format-removed", response: "format-added" } },
  { kind: "format-added", base: { type: "string" }, head: { type: "string", format: "email" }, reverse: "format-removed" },
  { kind: "enum-value-added", base: { type: "string", enum: ["a"] }, head: { type: "string", enum: ["a", "b"] }, reverse: "enum-value-removed" },
  { kind: "enum-added", base: { type: "string" }, head: { type: "string", enum: ["a"] }, reverse: "enum-removed" },
  { kind: "max-length-decreased", base: { type: "string", maxLength: 10 }, head: { type: "string", maxLength: 5 }, reverse: "max-length-increased" },
  { kind: "min-length-increased", base: { type: "string", minLength: 1 }, head: { type: "string", minLength: 2 }, reverse: "min-length-decreased" },
  { kind: "maximum-decreased", base: { type: "number", maximum: 10 }, head: { type: "number", maximum: 10, exclusiveMaximum: true }, reverse: "maximum-increased" },
  { kind: "minimum-increased", base: { type: "number", minimum: 1 }, head: { type: "number", minimum: 2 }, reverse: "minimum-decreased" },
  { kind: "multiple-of-changed", base: { type: "number", multipleOf: 2 }, head: { type: "number", multipleOf: 3 }, reverse: "multiple-of-changed", twin: { request: "multiple-of-removed", response: "multiple-of-added" } },
  { kind: "multiple-of-added", base: { type: "number" }, head: { type: "number", multipleOf: 2 }, reverse: "multiple-of-removed" },
  { kind: "pattern-changed", base: { type: "string", pattern: "^a" }, head: { type: "string", pattern: "^b" }, reverse: "pattern-changed", twin: { request: "pattern-removed", response: "pattern-added" } },
  { kind: "pattern-added", base: { type: "string" }, head: { type: "string", pattern: "^a" }, reverse: "pattern-removed" },
  { kind: "max-items-decreased", base: { type: "array", items: { type: "string" }, maxItems: 5 }, head: { type: "array", items: { type: "string" }, maxItems: 3 }, reverse: "max-items-increased" },
  { kind: "min-items-increased", base: { type: "array", items: { type: "string" } }, head: { type: "array", items: { type: "string" }, minItems: 1 }, reverse: "min-items-decreased" },
  { kind: "unique-items-added", base: { type: "array", items: { type: "string" } }, head: { type: "array", items: { type: "string" }, uniqueItems: true }, reverse: "unique-items-removed" },
  { kind: "max-properties-decreased", base: { type: "object", maxProperties: 5 }, head: { type: "object", maxProperties: 2 }, reverse: "max-properties-increased" },
  { kind: "min-properties-increased", base: { type: "object" }, head: { type: "object", minProperties: 1 }, reverse: "min-properties-decreased" },
  { kind: "nullable-added", base: { type: "string" }, head: { type: "string", nullable: true }, reverse: "nullable-removed" },
  { kind: "property-added", base: object({ a: {} }), head: object({ a: {}, b: {} }), reverse: "property-removed" },
  { kind: "required-property-added", base: object({ a: {} }), head: object({ a: {}, b: {} }, ["b"]), reverse: "property-removed", twin: { request: "property-added" } },
  { kind: "property-became-required", base: object({ a: {}, b: {} }), head: object({ a: {}, b: {} }, ["b"]), reverse: "property-became-optional" },
  { kind: "additional-properties-disallowed", base: object({ a: {} }), head: { ...object({ a: {} }), additionalProperties: false }, reverse: "additional-properties-allowed" },
  { kind: "read-only-removed", base: object({ a: {}, b: { type: "string", readOnly: true } }, ["b"]), head: object({ a: {}, b: { type: "string" } }, ["b"]), reverse: "read-only-added", twin: { request: "property-added" } },
  { kind: "write-only-added", base: object({ a: {}, b: { type: "string" } }), head: object({ a: {}, b: { type: "string", writeOnly: true } }), reverse: "property-added" },
  { kind: "one-of-branch-added", base: { oneOf: [{ type: "string" }, { type: "integer" }] }, head: { oneOf: [{ type: "string" }, { type: "integer" }, { type: "boolean" }] }, reverse: "one-of-branch-removed" },
  { kind: "any-of-branch-added", base: { anyOf: [{ type: "string" }, { type: "integer" }] }, head: { anyOf: [{ type: "string" }, { type: "integer" }, { type: "boolean" }] }, reverse: "any-of-branch-removed" },
  { kind: "default-changed", base: { type: "string", default: "a" }, head: { type: "string", default: "b" }, reverse: "default-changed", twin: { request: "default-added" } },
  { kind: "default-added", base: { type: "string" }, head: { type: "string", default: "a" }, reverse: "default-removed" },
  { kind: "property-deprecated", base: object({ a: {} }), head: object({ a: { deprecated: true } }), reverse: undefined },
];

function object(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
}

/** The one-operation document with `schema` in the given place. */
function placed(context: SchemaContext, schema: Schema): object {
  switch (context) {
    case "request-body":
      return operationDocument({ requestBody: { content: { "application/json": { schema } } } });
    case "request-parameter":
      return operationDocument({ parameters: [{ name: "q", in: "query", schema }] });
    case "response-body":
      return operationDocument({ responses: { "200": { description: "ok", content: { "application/json": { schema } } } } });
    default:
      return operationDocument({ responses: { "200": { description: "ok", headers: { "X-Thing": { schema } } } } });
  }
}

/** Whether a change kind applies in a direction at all (readOnly only to requests, writeOnly only to responses). */
function applies(kind: string, direction: "request" | "response"): boolean {
  const only = SCHEMA_CHANGE_KINDS.find((entry) => entry.kind === kind)?.only;
  return only === undefined || only === direction;
}

describe("every schema change kind, in every place a schema sits", () => {
  it("has a row for every kind, forward or reversed", () => {
    const shown = new Set(ROWS.flatMap((row) => [row.kind, row.reverse]));
    expect(SCHEMA_CHANGE_KINDS.map((kind) => kind.kind).filter((kind) => !shown.has(kind))).toEqual([]);
  });

  for (const context of SCHEMA_CONTEXTS) {
    for (const row of ROWS) {
      if (!applies(row.kind, context.direction)) continue;
      it(`${context.prefix}-${row.kind} and its reverse`, async () => {
        const forward = await diffOf(placed(context.prefix, row.base), placed(context.prefix, row.head));
        const rule = `${context.prefix}-${row.kind}`;
        const found = forward.changes.filter((change) => change.rule.startsWith(`${context.prefix}-`));
        expect(found.map((change) => change.rule)).toContain(rule);
        expect(found.find((change) => change.rule === rule)?.severity).toBe(ruleOf(rule).severity);
        if (row.reverse !== undefined && applies(row.reverse, context.direction)) {
          const backward = await diffOf(placed(context.prefix, row.head), placed(context.prefix, row.base));
          expect(backward.changes.map((change) => change.rule)).toContain(`${context.prefix}-${row.reverse}`);
        }
        // Nothing is found where nothing changed.
        expect((await diffOf(placed(context.prefix, row.head), placed(context.prefix, row.head))).changes).toEqual([]);
      });
    }
  }

  it("gives every breaking schema rule a non-breaking counterpart in the table", () => {
    const missing: string[] = [];
    for (const context of SCHEMA_CONTEXTS) {
      for (const row of ROWS) {
        if (!applies(row.kind, context.direction)) continue;
        const rule = ruleOf(`${context.prefix}-${row.kind}`);
        if (rule.severity !== "breaking") continue;
        const counterpart = row.twin?.[context.direction] ?? row.reverse;
        const tested = ROWS.some((other) => other.kind === counterpart || other.reverse === counterpart);
        if (counterpart === undefined || !tested || !applies(counterpart, context.direction) || ruleOf(`${context.prefix}-${counterpart}`).severity === "breaking") {
          missing.push(rule.id);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("counts a catalogue broader than the reference tool's hundred kinds", () => {
    expect(RULES.length).toBeGreaterThan(100);
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });
});
