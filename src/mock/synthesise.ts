/**
 * A value for a JSON Schema (the server's normalised dialect, `$ref`s into one document), drawn
 * with the mock's seeded generator: `const` and `enum` members, `format` samples, strings matching
 * `pattern`, numbers within bounds and `multipleOf`, objects with their required (and, near the
 * top, optional) properties, arrays within `minItems`/`maxItems`. Responses never carry
 * `writeOnly` properties. Recursion is cut at a depth: below it only what the schema requires is
 * drawn. A value may still miss the schema (`not`, `if`, overlapping `oneOf` branches); the mock
 * checks every answer against the contract and draws again.
 */
import { setOwn } from "../own.js";
import { at } from "./examples.js";
import { formatSample, word } from "./formats.js";
import { CONDITIONS, conditionsOf, isSchema, mergeSchemas, type Schema } from "./merge-schemas.js";
import { fits, patternString, type PatternTesters } from "./pattern-strings.js";
import type { Random } from "./random.js";

/** Below this depth, objects carry only their required properties and arrays their fewest items. */
const OPTIONAL_DEPTH = 3;
/** Past this depth nothing more is drawn: a schema that requires endless nesting gets `null`. */
const HARD_DEPTH = 24;
/** How many items an array gets when its bounds leave the choice to the mock. */
const USUAL_ITEMS = 2;

/** A pattern the mock could not draw a string for, reported once per pattern. */
export type UnservedPattern = (pattern: string) => void;

export class Synthesiser {
  readonly #root: unknown;
  readonly #random: Random;
  readonly #patterns: PatternTesters;
  readonly #unserved: UnservedPattern;
  readonly #plain: boolean;

  /**
   * `patterns` checks drawn strings and names against contract patterns, in bounded time.
   * `plain` draws the least a schema allows: `null` where it is allowed, no optional properties,
   * the fewest items — the values least likely to match two `oneOf` branches at once.
   */
  constructor(root: unknown, random: Random, options: { patterns: PatternTesters; unserved?: UnservedPattern; plain?: boolean }) {
    this.#root = root;
    this.#random = random;
    this.#patterns = options.patterns;
    this.#unserved = options.unserved ?? (() => {});
    this.#plain = options.plain === true;
  }

  /** A value for `schema`, or undefined when the schema admits nothing the mock can draw. */
  value(schema: unknown, depth = 0): unknown {
    if (schema === true || schema === undefined) return word(this.#random);
    if (!isSchema(schema) || depth > HARD_DEPTH) return undefined;
    const resolved = this.#flatten(schema);
    if (Object.hasOwn(resolved, "const")) return resolved["const"];
    if (Array.isArray(resolved["enum"])) {
      return resolved["enum"].length === 0 ? undefined : this.#random.pick(resolved["enum"]);
    }
    const branches = resolved["oneOf"] ?? resolved["anyOf"];
    if (Array.isArray(branches) && branches.length > 0) return this.#branch(resolved, branches, depth);
    switch (this.#type(resolved)) {
      case "null":
        return null;
      case "boolean":
        return this.#random.next() < 0.5;
      case "integer":
        return this.#number(resolved, true);
      case "number":
        return this.#number(resolved, false);
      case "string":
        return this.#string(resolved);
      case "array":
        return this.#array(resolved, depth);
      default:
        return this.#object(resolved, depth);
    }
  }

  /**
   * The schema of a list's items, the list being at a dotted path of `schema`'s values (`""`: the
   * value is the list; `undefined`: its first list property), or undefined when there is none.
   */
  listItems(schema: unknown, path: string | undefined): unknown {
    let node = isSchema(schema) ? this.#flatten(schema) : {};
    const whole = path === undefined ? this.#withType(node, "array") : undefined;
    const keys = whole !== undefined || path === "" ? [] : path === undefined ? [this.#firstList(node)] : path.split(".");
    for (const key of keys) {
      if (key === undefined) return undefined;
      const holder = this.#withProperty(node, key);
      const properties = holder?.["properties"];
      const next = isSchema(properties) ? properties[key] : undefined;
      if (!isSchema(next)) return undefined;
      node = this.#flatten(next);
    }
    const list = this.#withType(node, "array");
    return list?.["items"];
  }

  /** The schema, or the first of its `oneOf`/`anyOf` branches, that declares a property. */
  #withProperty(schema: Schema, key: string): Schema | undefined {
    const has = (node: Schema) => isSchema(node["properties"]) && Object.hasOwn(node["properties"], key);
    if (has(schema)) return schema;
    const branches = [...asList(schema["oneOf"]), ...asList(schema["anyOf"])].filter(isSchema).map((branch) => this.#flatten(branch));
    return branches.find(has);
  }

  /** The schema, or the first of its `oneOf`/`anyOf` branches, of a type. */
  #withType(schema: Schema, type: string): Schema | undefined {
    if (this.#type(schema) === type && !Object.hasOwn(schema, "oneOf") && !Object.hasOwn(schema, "anyOf")) return schema;
    const branches = [...asList(schema["oneOf"]), ...asList(schema["anyOf"])].filter(isSchema).map((branch) => this.#flatten(branch));
    return branches.find((branch) => this.#type(branch) === type);
  }

  #firstList(schema: Schema): string | undefined {
    const properties = isSchema(schema["properties"]) ? schema["properties"] : {};
    return Object.keys(properties).find((key) => {
      const property = properties[key];
      return isSchema(property) && this.#withType(this.#flatten(property), "array") !== undefined;
    });
  }

  /** The schema with its `$ref` followed, its `allOf` merged in and its conditions settled. */
  #flatten(schema: Schema, seen: ReadonlySet<string> = new Set()): Schema {
    return this.#settleConditions(this.#merged(schema, seen), seen);
  }

  /**
   * The schema with its `$ref` followed and its `allOf` merged in, every part's conditions kept
   * unsettled: conditions of sibling parts (a discriminator's, one per branch) are settled together.
   */
  #merged(schema: Schema, seen: ReadonlySet<string>): Schema {
    let current = schema;
    const parts: Schema[] = [];
    const ref = current["$ref"];
    if (typeof ref === "string" && !seen.has(ref)) {
      const { $ref: _ref, ...siblings } = current;
      const target = this.#resolve(ref);
      parts.push(isSchema(target) ? this.#merged(target, new Set([...seen, ref])) : {});
      current = siblings;
    }
    const allOf = current["allOf"];
    if (Array.isArray(allOf)) {
      const { allOf: _allOf, ...rest } = current;
      parts.push(...allOf.filter(isSchema).map((part) => this.#merged(part, seen)));
      current = rest;
    }
    return parts.length === 0 ? current : mergeSchemas([...parts, current]);
  }

  /**
   * `if`/`then`/`else` (one per merged part: a discriminator becomes one pair per branch): one
   * condition, drawn, is taken to hold (its `if` and `then` merged in); every other one's `else`
   * applies.
   */
  #settleConditions(schema: Schema, seen: ReadonlySet<string>): Schema {
    const conditions = conditionsOf(schema);
    if (conditions.length === 0) return schema;
    const { if: _if, then: _then, else: _else, [CONDITIONS]: _conditions, ...rest } = schema;
    const first = this.#random.int(0, conditions.length - 1);
    let settled: Schema = rest;
    // The drawn condition first, then the others: the first whose parts agree (a discriminator's
    // value inside a branch that names another is no value at all).
    for (let offset = 0; offset < conditions.length; offset++) {
      const held = (first + offset) % conditions.length;
      const parts = conditions.flatMap((condition, index) => (index === held ? [condition.if, condition.then] : [condition.else]));
      settled = mergeSchemas([rest, ...parts.filter(isSchema).map((part) => this.#flatten(part, seen))]);
      if (this.#agrees(settled)) return settled;
    }
    return settled;
  }

  /** False when merging left a schema, or one of its properties, with no allowed value (an empty `enum`). */
  #agrees(schema: Schema): boolean {
    if (Array.isArray(schema["enum"]) && schema["enum"].length === 0) return false;
    const properties = isSchema(schema["properties"]) ? schema["properties"] : {};
    return Object.values(properties).every((property) => {
      if (!isSchema(property) || !Array.isArray(property["allOf"])) return true;
      const merged = this.#flatten(property);
      return !Array.isArray(merged["enum"]) || merged["enum"].length > 0;
    });
  }

  #resolve(ref: string): unknown {
    return at(this.#root, ref);
  }


  /** One branch of `oneOf`/`anyOf`, preferring one that is not `null`, merged with the schema around it. */
  #branch(schema: Schema, branches: unknown[], depth: number): unknown {
    const { oneOf: _oneOf, anyOf: _anyOf, ...around } = schema;
    const candidates = branches.filter((branch) => !isSchema(branch) || (this.#type(this.#flatten(branch)) === "null") === this.#plain);
    const chosen = this.#random.pick(candidates.length > 0 ? candidates : branches);
    const merged = isSchema(chosen) ? mergeSchemas([around, this.#flatten(chosen)]) : around;
    return this.value(merged, depth);
  }

  /** The type to draw: the declared one (the first that is not `null`), else what the keywords suggest. */
  #type(schema: Schema): string {
    const declared = schema["type"];
    const types = Array.isArray(declared) ? declared.map(String) : typeof declared === "string" ? [declared] : [];
    const [first] = types.filter((type) => type !== "null");
    if (this.#plain && types.includes("null")) return "null";
    if (first !== undefined) return first;
    if (types.includes("null")) return "null";
    if (["properties", "required", "additionalProperties", "patternProperties"].some((key) => Object.hasOwn(schema, key))) return "object";
    if (["items", "prefixItems", "minItems", "maxItems"].some((key) => Object.hasOwn(schema, key))) return "array";
    if (["pattern", "format", "minLength", "maxLength"].some((key) => Object.hasOwn(schema, key))) return "string";
    if (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"].some((key) => Object.hasOwn(schema, key))) return "number";
    return "string";
  }

  #number(schema: Schema, integer: boolean): number | undefined {
    const step = typeof schema["multipleOf"] === "number" && schema["multipleOf"] > 0 ? schema["multipleOf"] : integer ? 1 : undefined;
    const low = bound(schema, "minimum", "exclusiveMinimum", 1, integer) ?? 1;
    const high = bound(schema, "maximum", "exclusiveMaximum", -1, integer) ?? Math.max(low, 0) + 1000;
    if (low > high) return undefined;
    if (step === undefined) {
      const value = low + this.#random.next() * (high - low);
      const rounded = Math.round(value * 100) / 100;
      return rounded >= low && rounded <= high ? rounded : value;
    }
    const first = Math.ceil(low / step);
    const last = Math.floor(high / step);
    if (first > last) return undefined;
    const multiple = this.#random.int(first, Math.min(last, first + 1000)) * step;
    return integer ? Math.round(multiple) : multiple;
  }

  #string(schema: Schema): string | undefined {
    const bounds = { minLength: numberOr(schema["minLength"]), maxLength: numberOr(schema["maxLength"]) };
    const pattern = typeof schema["pattern"] === "string" ? schema["pattern"] : undefined;
    if (pattern !== undefined) {
      const tester = this.#patterns(pattern);
      const matching = tester === undefined ? undefined : patternString(pattern, this.#random, bounds, tester);
      if (matching === undefined) this.#unserved(pattern);
      return matching;
    }
    const format = typeof schema["format"] === "string" ? formatSample(schema["format"], this.#random) : undefined;
    if (format !== undefined && fits(format, bounds)) return format;
    let text = word(this.#random);
    while ([...text].length < (bounds.minLength ?? 0)) text += `-${word(this.#random)}`;
    return [...text].slice(0, bounds.maxLength ?? undefined).join("");
  }

  #array(schema: Schema, depth: number): unknown[] | undefined {
    const prefix = Array.isArray(schema["prefixItems"]) ? schema["prefixItems"] : Array.isArray(schema["items"]) ? schema["items"] : [];
    const rest = Array.isArray(schema["items"]) ? schema["additionalItems"] : schema["items"];
    const minItems = numberOr(schema["minItems"]) ?? 0;
    const maxItems = numberOr(schema["maxItems"]) ?? Number.POSITIVE_INFINITY;
    const wanted = depth < OPTIONAL_DEPTH && !this.#plain ? Math.max(minItems, prefix.length, USUAL_ITEMS) : Math.max(minItems, prefix.length === 0 ? 0 : 1);
    const count = Math.min(wanted, maxItems, rest === false ? prefix.length : Number.POSITIVE_INFINITY);
    const items: unknown[] = [];
    const seen = new Set<string>();
    for (let attempt = 0; items.length < count && attempt < count * 4; attempt++) {
      const index = items.length;
      const item = this.value(index < prefix.length ? prefix[index] : rest, depth + 1);
      if (item === undefined) return index >= minItems ? items : undefined;
      const key = JSON.stringify(item);
      if (schema["uniqueItems"] === true && seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
    return items.length >= minItems ? items : undefined;
  }

  #object(schema: Schema, depth: number): Record<string, unknown> | undefined {
    const properties = isSchema(schema["properties"]) ? schema["properties"] : {};
    const required = new Set([...stringList(schema["required"]), ...stringList(schema["x-required-in-response"])]);
    const maxProperties = numberOr(schema["maxProperties"]) ?? Number.POSITIVE_INFINITY;
    const names = Object.keys(properties).filter(
      (name) => required.has(name) || (depth < OPTIONAL_DEPTH && !this.#plain && !this.#writeOnly(properties[name])),
    );
    const chosen = [...names.filter((name) => required.has(name)), ...names.filter((name) => !required.has(name))].slice(
      0,
      Math.max(required.size, maxProperties),
    );
    const value: Record<string, unknown> = {};
    for (const name of chosen) {
      const item = this.value(properties[name], depth + 1);
      if (item === undefined && required.has(name)) return undefined;
      if (item !== undefined) setOwn(value, name, item);
    }
    for (const name of required) {
      if (Object.hasOwn(value, name)) continue;
      const item = this.value(this.#extraSchema(schema, name), depth + 1);
      if (item === undefined) return undefined;
      setOwn(value, name, item);
    }
    this.#fillProperties(schema, value, depth);
    return value;
  }

  /** Extra members up to `minProperties`, from `additionalProperties`. */
  #fillProperties(schema: Schema, value: Record<string, unknown>, depth: number): void {
    const minProperties = numberOr(schema["minProperties"]) ?? 0;
    const extra = schema["additionalProperties"];
    for (let index = 1; Object.keys(value).length < minProperties && extra !== false && index <= minProperties * 2; index++) {
      const name = `${word(this.#random)}${index}`;
      if (Object.hasOwn(value, name)) continue;
      const item = this.value(isSchema(extra) ? extra : true, depth + 1);
      if (item !== undefined) setOwn(value, name, item);
    }
  }

  /** The schema a required member not under `properties` is drawn from. */
  #extraSchema(schema: Schema, name: string): unknown {
    const patterns = isSchema(schema["patternProperties"]) ? schema["patternProperties"] : {};
    for (const [pattern, member] of Object.entries(patterns)) {
      if (this.#patterns(pattern)?.test(name) === true) return member;
    }
    const extra = schema["additionalProperties"];
    return isSchema(extra) ? extra : true;
  }

  #writeOnly(schema: unknown): boolean {
    return isSchema(schema) && this.#flatten(schema)["writeOnly"] === true;
  }
}

/** The inclusive lower (`direction` 1) or upper (-1) bound a schema sets on a number. */
function bound(schema: Schema, inclusive: string, exclusive: string, direction: 1 | -1, integer: boolean): number | undefined {
  const closed = numberOr(schema[inclusive]);
  const open = numberOr(schema[exclusive]);
  if (open === undefined) return closed;
  const inside = integer
    ? direction === 1
      ? Math.floor(open) + 1
      : Math.ceil(open) - 1
    : open + direction * Math.max(Math.abs(open) * 1e-9, 1e-6);
  return closed === undefined ? inside : direction === 1 ? Math.max(closed, inside) : Math.min(closed, inside);
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
