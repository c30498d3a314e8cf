import { createRequire } from "node:module";
import { Ajv, type Options, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats, { type FormatsPlugin } from "ajv-formats";
import { vmPatternTest } from "../../../templates/runtime/server/node-patterns.js";
import { linearRegExp } from "../../../templates/runtime/server/patterns.js";

/**
 * ajv compiling the contract's schemas at run time, set up as the server did before validators
 * became closures: the reference the closures are compared with.
 */
export type Direction = "parameters" | "request" | "form" | "response";

/** Patterns on the engine the server uses (RE2, the rest bounded), as the server's ajv had them. */
const linear = linearRegExp(vmPatternTest);
const regExp = Object.assign((pattern: string) => Object.assign(linear(pattern), { toString: () => `/${pattern}/u` }), { code: "linearRegExp" });

const addFormats = ((formats as { default?: FormatsPlugin }).default ?? formats) as FormatsPlugin;

/**
 * JSON equality as JSON Schema defines it (two values of one type, numbers by value, arrays item by
 * item, objects member by member), for the reference's `uniqueItems`, `enum` and `const`. ajv's own
 * (fast-deep-equal) calls a member named `valueOf` or `toString` as a method, so it throws on
 * `[{}, { "valueOf": "" }]`, a body any client may send; the server's closures compare it as data.
 * ajv's keywords read the function from this module when they compile, so it is set once, here.
 */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const left = Object.entries(a);
  return left.length === Object.keys(b).length && left.every(([key, item]) => Object.hasOwn(b, key) && jsonEqual(item, (b as Record<string, unknown>)[key]));
}
const ajvEqual = createRequire(import.meta.url)("ajv/dist/runtime/equal") as { default: unknown };
ajvEqual.default = Object.assign(jsonEqual, { code: 'require("ajv/dist/runtime/equal").default' });

const engines = new WeakMap<object, Map<Direction, Ajv>>();

export function ajvValidator(openapi: "3.0" | "3.1", document: object, direction: Direction, path: readonly string[]): ValidateFunction {
  let byDirection = engines.get(document);
  if (byDirection === undefined) engines.set(document, (byDirection = new Map()));
  let engine = byDirection.get(direction);
  if (engine === undefined) byDirection.set(direction, (engine = createEngine(openapi, document, direction)));
  const pointer = path.map((segment) => `/${encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"))}`).join("");
  return engine.compile({ $ref: `contract#${pointer}` });
}

function createEngine(openapi: "3.0" | "3.1", document: object, direction: Direction): Ajv {
  const options: Options = {
    strict: false,
    allErrors: true,
    ownProperties: true,
    validateSchema: false,
    logger: false,
    code: { regExp },
    ...(direction === "parameters" || direction === "form" ? { coerceTypes: "array" } : {}),
    useDefaults: direction !== "response",
  };
  const engine = openapi === "3.1" ? new Ajv2020(options) : new Ajv(options);
  addFormats(engine);
  engine.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  engine.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  engine.addFormat("float", { type: "number", validate: () => true });
  engine.addFormat("double", { type: "number", validate: () => true });
  engine.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  engine.addFormat("binary", true);
  engine.addFormat("password", true);
  engine.addKeyword({ keyword: "x-required-in-request", macro: (names: string[]) => (direction === "response" ? true : { required: names }) });
  engine.addKeyword({ keyword: "x-required-in-response", macro: (names: string[]) => (direction === "response" ? { required: names } : true) });
  engine.addSchema(document, "contract");
  return engine;
}
