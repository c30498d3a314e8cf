import { unescapeToken } from "../pointer.js";
import type { Finding, Findings, OperationRef } from "./finding.js";
import { SCHEMA_CHANGE_KINDS, type SchemaContext } from "./rules.js";
import { resolveSchema, viewOf, type Bound, type PropertyView, type SchemaView } from "./schema-view.js";

/** Where a schema sits: the rule prefix, whether clients send or read what it describes, and the location of its root (`request.body`, `query.limit`). */
export interface SchemaPlace {
  context: SchemaContext;
  direction: "request" | "response";
  root: string;
}

/** A schema as written (maybe a `$ref`) and the pointer where it is written. */
export interface SchemaAt {
  schema: unknown;
  pointer: string;
}

const NONE: Finding[] = [];
const SEVERITY = new Map(SCHEMA_CHANGE_KINDS.map((kind) => [kind.kind, kind]));

/**
 * Compares two schemas for one place, walking both together. A pair of schema nodes is judged
 * once per place: met again (a shared component under another operation), its findings gain the
 * operation instead of being found twice; met again inside itself (a recursive schema), it adds
 * nothing more.
 */
export class SchemaComparer {
  readonly #memo = new Map<string, Finding[] | null>();

  constructor(
    private readonly baseDocument: unknown,
    private readonly headDocument: unknown,
    private readonly findings: Findings,
  ) {}

  compare(base: SchemaAt, head: SchemaAt, location: string, place: SchemaPlace, operation: OperationRef): Finding[] {
    const baseNode = resolveSchema(this.baseDocument, base.schema, base.pointer);
    const headNode = resolveSchema(this.headDocument, head.schema, head.pointer);
    const key = `${place.context}\u0000${baseNode.pointer}\u0000${headNode.pointer}`;
    const known = this.#memo.get(key);
    if (known === null) return NONE;
    if (known !== undefined) {
      for (const finding of known) this.findings.reach(finding, operation);
      return known;
    }
    this.#memo.set(key, null);
    const found: Finding[] = [];
    // Inside a named schema reached by `$ref`, locations start again from its name: `response 200 … tax_id.type`.
    const component = /^#\/components\/schemas\/([^/]+)$/.exec(headNode.pointer)?.[1];
    const shown = component !== undefined && headNode.pointer !== head.pointer && location !== place.root ? `${place.root.trimEnd()} … ${unescapeToken(component)}` : location;
    const walk = new Walk(this, viewOf(this.baseDocument, baseNode), viewOf(this.headDocument, headNode), shown, place, operation, found);
    walk.run();
    this.#memo.set(key, found.length === 0 ? NONE : found);
    return found;
  }

  /** How an alternative on one side is recognised on the other. */
  branchKeys(side: "base" | "head", branch: SchemaAt): BranchKeys {
    const ref = (branch.schema as { $ref?: unknown } | null)?.$ref;
    const { schema } = resolveSchema(side === "base" ? this.baseDocument : this.headDocument, branch.schema, branch.pointer);
    const types = Array.isArray(schema.type) ? [...(schema.type as unknown[])].sort().join("|") : String(schema.type ?? (schema.properties !== undefined ? "object" : schema.items !== undefined ? "array" : ""));
    return { ref: typeof ref === "string" && ref !== branch.pointer ? ref : undefined, text: JSON.stringify(schema), types };
  }

  record(finding: Parameters<Findings["add"]>[0], operation: OperationRef): Finding {
    return this.findings.add(finding, operation);
  }
}

/** One pair of schema views compared: each keyword, then the schemas under them. */
class Walk {
  constructor(
    private readonly comparer: SchemaComparer,
    private readonly base: SchemaView,
    private readonly head: SchemaView,
    private readonly location: string,
    private readonly place: SchemaPlace,
    private readonly operation: OperationRef,
    private readonly found: Finding[],
  ) {}

  run(): void {
    // A union on one side only: its alternatives are compared with the other side as a whole.
    if ((this.base.union === undefined) !== (this.head.union === undefined)) {
      this.union();
      return;
    }
    this.types();
    this.nullable();
    this.format();
    this.enums();
    this.maxBound("max-length", "maxLength", this.base.maxLength, this.head.maxLength, "strings longer than");
    this.minBound("min-length", "minLength", this.base.minLength, this.head.minLength, "strings shorter than");
    this.maxBound("max-items", "maxItems", this.base.maxItems, this.head.maxItems, "more items than");
    this.minBound("min-items", "minItems", this.base.minItems, this.head.minItems, "fewer items than");
    this.maxBound("max-properties", "maxProperties", this.base.maxProperties, this.head.maxProperties, "more properties than");
    this.minBound("min-properties", "minProperties", this.base.minProperties, this.head.minProperties, "fewer properties than");
    this.numericBound("maximum", this.base.maximum, this.head.maximum, -1);
    this.numericBound("minimum", this.base.minimum, this.head.minimum, 1);
    this.multipleOf();
    this.pattern();
    this.uniqueItems();
    this.defaults();
    this.properties();
    this.additionalProperties();
    if (this.base.items !== undefined && this.head.items !== undefined) this.child(this.base.items, this.head.items, `${this.location}[]`);
    this.union();
  }

  /** Records a change of `kind` here; `impact` says who breaks and is kept only where the change breaks in this direction. */
  private emit(kind: string, message: string, impact: string | undefined, pointers?: { base?: string; head?: string; location?: string }): void {
    const severity = SEVERITY.get(kind)?.[this.place.direction];
    this.found.push(
      this.comparer.record(
        {
          rule: `${this.place.context}-${kind}`,
          location: (pointers?.location ?? this.location).trimEnd(),
          basePointer: pointers?.base ?? this.base.pointer,
          headPointer: pointers?.head ?? this.head.pointer,
          message,
          ...(severity === "breaking" && impact !== undefined ? { impact } : {}),
        },
        this.operation,
      ),
    );
  }

  private child(base: { schema: unknown; pointer: string }, head: { schema: unknown; pointer: string }, location: string): void {
    this.found.push(...this.comparer.compare(base, head, location, this.place, this.operation));
  }

  /** `clients that send …` or `clients that read … and expect …`. */
  private who(sent: string, read: string): string {
    return this.place.direction === "request" ? `clients that send ${sent}` : `clients that read this and expect ${read}`;
  }

  private types(): void {
    const base = this.base.types ?? implicitTypes(this.base);
    const head = this.head.types ?? implicitTypes(this.head);
    if (sameSet(base, head)) return;
    const shown = (types: Set<string> | undefined) => (types === undefined ? "any" : [...types].sort().join(" | "));
    const message = `type ${shown(base)} → ${shown(head)}`;
    const widened = base === undefined ? head === undefined : head === undefined || [...base].every((type) => accepts(head, type));
    const narrowed = head === undefined ? base === undefined : base === undefined || [...head].every((type) => accepts(base, type));
    const kind = widened && !narrowed ? "type-widened" : narrowed && !widened ? "type-narrowed" : "type-changed";
    this.emit(kind, message, this.who(`${shown(base)} values`, `${shown(base)} values only`));
  }

  private nullable(): void {
    if (this.base.nullable === this.head.nullable) return;
    if (this.head.nullable) this.emit("nullable-added", "null is now a valid value", this.who("", "a value, never null"));
    else this.emit("nullable-removed", "null is no longer a valid value", this.who("null", ""));
  }

  private format(): void {
    const { format: base } = this.base;
    const { format: head } = this.head;
    if (base === head) return;
    if (base === undefined) this.emit("format-added", `format ${head}`, this.who(`values that are not ${head}`, ""));
    else if (head === undefined) this.emit("format-removed", `format ${base} removed`, this.who("", `${base} values`));
    else this.emit("format-changed", `format ${base} → ${head}`, this.who(`${base} values`, `${base} values`));
  }

  private enums(): void {
    const base = this.base.enumValues;
    const head = this.head.enumValues;
    if (base === undefined && head === undefined) return;
    if (base === undefined) {
      this.emit("enum-added", `values restricted to ${list([...(head as Map<string, unknown>).keys()])}`, this.who("other values", ""));
      return;
    }
    if (head === undefined) {
      this.emit("enum-removed", `values no longer restricted to ${list([...base.keys()])}`, this.who("", `one of ${list([...base.keys()])}`));
      return;
    }
    for (const value of base.keys()) {
      if (!head.has(value)) this.emit("enum-value-removed", `enum value ${value} removed`, this.who(value, ""));
    }
    for (const value of head.keys()) {
      if (!base.has(value)) this.emit("enum-value-added", `enum value ${value} added`, this.who("", `only the old values (an exhaustive switch meets ${value})`));
    }
  }

  /** An upper bound (undefined: none): lower narrows, higher widens. */
  private maxBound(kind: string, keyword: string, base: number | undefined, head: number | undefined, beyond: string): void {
    if (base === head) return;
    const message = `${keyword} ${base ?? "none"} → ${head ?? "none"}`;
    if (head !== undefined && (base === undefined || head < base)) this.emit(`${kind}-decreased`, message, this.who(`${beyond} ${head}`, ""));
    else this.emit(`${kind}-increased`, message, this.who("", `no ${beyond.replace(/ than$/, "")} than ${base}`));
  }

  /** A lower bound (undefined: 0): higher narrows, lower widens. */
  private minBound(kind: string, keyword: string, base: number | undefined, head: number | undefined, below: string): void {
    if ((base ?? 0) === (head ?? 0)) return;
    const message = `${keyword} ${base ?? "none"} → ${head ?? "none"}`;
    if ((head ?? 0) > (base ?? 0)) this.emit(`${kind}-increased`, message, this.who(`${below} ${head}`, ""));
    else this.emit(`${kind}-decreased`, message, this.who("", `no ${below.replace(/ than$/, "")} than ${base}`));
  }

  /** `maximum` (sign -1: lower is tighter) or `minimum` (sign 1: higher is tighter), exclusivity included. */
  private numericBound(keyword: "maximum" | "minimum", base: Bound | undefined, head: Bound | undefined, sign: 1 | -1): void {
    if (base?.value === head?.value && base?.exclusive === head?.exclusive) return;
    const shown = (bound: Bound | undefined) => (bound === undefined ? "none" : `${bound.exclusive ? "exclusive " : ""}${bound.value}`);
    const message = `${keyword} ${shown(base)} → ${shown(head)}`;
    const tighter =
      head !== undefined &&
      (base === undefined || sign * (head.value - base.value) > 0 || (head.value === base.value && head.exclusive && !base.exclusive));
    const [tight, loose] = keyword === "maximum" ? ["maximum-decreased", "maximum-increased"] : ["minimum-increased", "minimum-decreased"];
    const outside = keyword === "maximum" ? "values above" : "values below";
    if (tighter) this.emit(tight, message, this.who(`${outside} ${shown(head)}`, ""));
    else this.emit(loose, message, this.who("", `no ${outside} ${shown(base)}`));
  }

  private multipleOf(): void {
    const { multipleOf: base } = this.base;
    const { multipleOf: head } = this.head;
    if (base === head) return;
    if (base === undefined) this.emit("multiple-of-added", `multipleOf ${head}`, this.who(`values that are not multiples of ${head}`, ""));
    else if (head === undefined) this.emit("multiple-of-removed", `multipleOf ${base} removed`, this.who("", `multiples of ${base}`));
    else this.emit("multiple-of-changed", `multipleOf ${base} → ${head}`, this.who(`multiples of ${base}`, `multiples of ${base}`));
  }

  private pattern(): void {
    const { pattern: base } = this.base;
    const { pattern: head } = this.head;
    if (base === head) return;
    if (base === undefined) this.emit("pattern-added", `pattern ${JSON.stringify(head)}`, this.who(`values that do not match ${JSON.stringify(head)}`, ""));
    else if (head === undefined) this.emit("pattern-removed", `pattern ${JSON.stringify(base)} removed`, this.who("", `values matching ${JSON.stringify(base)}`));
    else this.emit("pattern-changed", `pattern ${JSON.stringify(base)} → ${JSON.stringify(head)}`, this.who(`values matching only ${JSON.stringify(base)}`, `values matching ${JSON.stringify(base)}`));
  }

  private uniqueItems(): void {
    if (this.base.uniqueItems === this.head.uniqueItems) return;
    if (this.head.uniqueItems) this.emit("unique-items-added", "uniqueItems set", this.who("repeated items", ""));
    else this.emit("unique-items-removed", "uniqueItems removed", this.who("", "no repeated items"));
  }

  private defaults(): void {
    const { default: base } = this.base;
    const { default: head } = this.head;
    if (base === head) return;
    if (base === undefined) this.emit("default-added", `default ${head}`, undefined);
    else if (head === undefined) this.emit("default-removed", `default ${base} removed`, this.who(`nothing here and rely on ${base}`, ""));
    else this.emit("default-changed", `default ${base} → ${head}`, this.who(`nothing here and rely on ${base}`, ""));
  }

  private properties(): void {
    const names = new Set([...this.base.properties.keys(), ...this.head.properties.keys()]);
    const request = this.place.direction === "request";
    // A readOnly property is not part of a request, a writeOnly one not part of a response.
    const seen = (property: PropertyView | undefined) => property !== undefined && !(request ? property.readOnly : property.writeOnly);
    for (const name of names) {
      const base = this.base.properties.get(name);
      const head = this.head.properties.get(name);
      const where = `${this.location}.${name}`;
      const pointers = { base: base?.pointer ?? this.base.pointer, head: head?.pointer ?? this.head.pointer, location: where };
      const headRequired = this.head.required.has(name);
      if (seen(base) && seen(head)) {
        const baseRequired = this.base.required.has(name);
        if (baseRequired && !headRequired) this.emit("property-became-optional", `${name} became optional`, this.who("", `${name} always present`), pointers);
        if (!baseRequired && headRequired) this.emit("property-became-required", `${name} became required`, this.who(`no ${name}`, ""), pointers);
        if (!base?.deprecated && head?.deprecated) this.emit("property-deprecated", `${name} deprecated`, undefined, pointers);
        this.child(base as PropertyView, head as PropertyView, where);
      } else if (seen(base)) {
        if (head === undefined) this.emit("property-removed", `property ${name} removed`, this.who(name, name), pointers);
        else if (request) this.emit("read-only-added", `${name} became readOnly`, this.who(name, ""), pointers);
        else this.emit("write-only-added", `${name} became writeOnly`, this.who("", name), pointers);
      } else if (seen(head)) {
        if (request && base !== undefined && headRequired) this.emit("read-only-removed", `${name} is no longer readOnly and is required`, this.who(`no ${name}`, ""), pointers);
        else if (headRequired && base === undefined) this.emit("required-property-added", `required property ${name} added`, this.who(`no ${name}`, ""), pointers);
        else this.emit("property-added", `property ${name} added`, undefined, pointers);
      }
    }
  }

  private additionalProperties(): void {
    const { additionalProperties: base } = this.base;
    const { additionalProperties: head } = this.head;
    if (base === false && head !== false) this.emit("additional-properties-allowed", "additionalProperties allowed", undefined);
    else if (base !== false && head === false) this.emit("additional-properties-disallowed", "additionalProperties: false", this.who("properties beyond the declared ones", ""));
    else if (base !== undefined && base !== false && head !== undefined && head !== false) this.child(base, head, `${this.location}.*`);
  }

  /**
   * `oneOf`/`anyOf` alternatives, paired as `pairBranches` says; the rest are added or removed.
   * A schema that is not a union is a union of itself.
   */
  private union(): void {
    const base = this.base.union;
    const head = this.head.union;
    if (base === undefined && head === undefined) return;
    const keyword = (head ?? base)?.keyword ?? "oneOf";
    const kind = keyword === "oneOf" ? "one-of" : "any-of";
    const self = (view: SchemaView) => [{ schema: { $ref: view.pointer }, pointer: view.pointer }];
    const baseBranches = base?.branches ?? self(this.base);
    const headBranches = head?.branches ?? self(this.head);
    const pairs = pairBranches(
      baseBranches.map((branch) => this.comparer.branchKeys("base", branch)),
      headBranches.map((branch) => this.comparer.branchKeys("head", branch)),
    );
    const baseLeft = [...baseBranches.keys()].filter((index) => !pairs.some(([paired]) => paired === index));
    const headLeft = [...headBranches.keys()].filter((index) => !pairs.some(([, paired]) => paired === index));
    for (const [baseIndex, headIndex] of pairs) {
      this.child(baseBranches[baseIndex] as SchemaAtLike, headBranches[headIndex] as SchemaAtLike, `${this.location}<${keyword} ${headIndex}>`);
    }
    for (const index of baseLeft) {
      const branch = baseBranches[index] as SchemaAtLike;
      this.emit(`${kind}-branch-removed`, `${keyword} alternative ${describeBranch(branch)} removed`, this.who(describeBranch(branch), ""), { base: branch.pointer });
    }
    for (const index of headLeft) {
      const branch = headBranches[index] as SchemaAtLike;
      this.emit(`${kind}-branch-added`, `${keyword} alternative ${describeBranch(branch)} added`, this.who("", `one of the old alternatives, not ${describeBranch(branch)}`), { head: branch.pointer });
    }
  }
}

type SchemaAtLike = { schema: unknown; pointer: string };

/** What alternatives are paired by, most telling first: the `$ref` as written, the whole resolved node, its types. */
export interface BranchKeys {
  ref: string | undefined;
  text: string;
  types: string;
}

/**
 * Pairs alternatives: by the same `$ref`, then by the same resolved schema, then by the same
 * types (in order), then whatever is left in order when as many are left on each side.
 */
function pairBranches(base: BranchKeys[], head: BranchKeys[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const baseFree = new Set(base.keys());
  const headFree = new Set(head.keys());
  const match = (same: (a: BranchKeys, b: BranchKeys) => boolean) => {
    for (const baseIndex of baseFree) {
      const found = [...headFree].find((headIndex) => same(base[baseIndex] as BranchKeys, head[headIndex] as BranchKeys));
      if (found === undefined) continue;
      pairs.push([baseIndex, found]);
      baseFree.delete(baseIndex);
      headFree.delete(found);
    }
  };
  match((a, b) => a.ref !== undefined && a.ref === b.ref);
  match((a, b) => a.text === b.text);
  match((a, b) => a.types === b.types);
  if (baseFree.size === headFree.size) {
    const rest = [...headFree];
    [...baseFree].forEach((baseIndex, order) => pairs.push([baseIndex, rest[order] as number]));
  }
  return pairs;
}

function describeBranch(branch: SchemaAtLike): string {
  const ref = (branch.schema as { $ref?: unknown } | null)?.$ref;
  if (typeof ref === "string" && ref !== branch.pointer) return ref.slice(ref.lastIndexOf("/") + 1);
  const type = (branch.schema as { type?: unknown } | null)?.type;
  return typeof type === "string" ? type : `#${branch.pointer.slice(branch.pointer.lastIndexOf("/") + 1)}`;
}

/** The type a schema without `type` still implies by its keywords: properties an object, items an array. */
function implicitTypes(view: SchemaView): Set<string> | undefined {
  if (view.union !== undefined) return undefined;
  if (view.properties.size > 0 || view.additionalProperties !== undefined) return new Set(["object"]);
  if (view.items !== undefined) return new Set(["array"]);
  return undefined;
}

function accepts(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

function sameSet(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.size === b.size && [...a].every((value) => b.has(value));
}

/** Enum values as listed in a message: the first few, then a count. */
function list(values: string[]): string {
  return values.length <= 6 ? values.join(", ") : `${values.slice(0, 6).join(", ")} … (${values.length} values)`;
}
