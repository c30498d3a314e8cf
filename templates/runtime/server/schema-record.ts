import { getOwn, setOwn } from "./own.js";
import type { Build } from "./schema-applicators.js";
import type { Check } from "./schema-check.js";
import {
  defaultOf,
  escapeToken,
  freshDefault,
  hasRequired,
  isSchema,
  type Schema,
} from "./schema-keywords.js";

/** The only keywords a record schema has. */
const RECORD_KEYWORDS = new Set(["type", "properties", "required"]);

/**
 * The check of a record schema, `{ type: "object", properties, required }` with no other keyword
 * (every parameter location's schema has this form, and so do many bodies and the objects in
 * them), or `undefined` for any other schema. One closure over one flat list, where the general
 * checks are a closure per keyword, each with its own context and lists: a request reads the
 * check in a few cache lines, which counts when requests spread over many operations and each
 * operation's check has left the caches in between (Stripe's 191 routes round-robin on Express,
 * `bench:server`). Verdict, errors and their order are those of the general checks: the type, the
 * defaults filled in (`defaults`), `required`, then each property in order.
 */
export function recordCheck(
  build: Build,
  schema: Schema,
  composite: boolean,
  defaults: boolean,
): Check | undefined {
  if (!isRecordSchema(schema)) return undefined;
  const required = (schema["required"] ?? []) as readonly string[];
  // Per property, four entries: its name, its pointer, its check, and its default (`NO_DEFAULT`
  // for none), all in one list.
  const members: unknown[] = [];
  let defaulted = false;
  for (const [name, sub] of Object.entries(schema["properties"] as Schema)) {
    const fill = defaults && !composite ? defaultOf(sub) : undefined;
    defaulted ||= fill !== undefined;
    members.push(name, `/${escapeToken(name)}`, build(sub, composite), fill ?? NO_DEFAULT);
  }
  return (data, path, _parent, _key, errors) => {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      errors.push({
        instancePath: path,
        keyword: "type",
        params: { type: "object" },
        message: "must be object",
      });
      return false;
    }
    const object = data as Record<string, unknown>;
    if (defaulted) {
      for (let at = 0; at < members.length; at += 4) {
        const fill = members[at + 3];
        const name = members[at] as string;
        if (fill !== NO_DEFAULT && getOwn(object, name) === undefined)
          setOwn(object, name, freshDefault((fill as { value: unknown }).value));
      }
    }
    let valid = hasRequired(object, required, path, errors);
    for (let at = 0; at < members.length; at += 4) {
      const name = members[at] as string;
      const value = object[name];
      if (value === undefined || !Object.hasOwn(object, name)) continue;
      const pointer = members[at + 1] as string;
      const check = members[at + 2] as Check;
      if (!check(value, path === "" ? pointer : path + pointer, object, name, errors))
        valid = false;
    }
    return valid;
  };
}

/**
 * A record schema whose properties are all plain strings (`type: "string"` with at most
 * `minLength` and `maxLength` besides), each name it requires among them: the form of most path
 * parameters (ids). Its validator first tries {@link passesPlainStrings}, one loop over this flat
 * list (name, whether required, `minLength`, `maxLength`), before the checks themselves: with
 * requests spread over many operations, each operation's checks are out of the caches when its
 * next request comes, and this reads a few cache lines where the checks read a dozen.
 */
export type PlainStrings = readonly (string | boolean | number)[];

/** The list {@link passesPlainStrings} reads, or `undefined` when `schema` is not of that form. */
export function plainStrings(schema: unknown): PlainStrings | undefined {
  if (!isSchema(schema) || !isRecordSchema(schema)) return undefined;
  const required = (schema["required"] ?? []) as readonly string[];
  const properties = schema["properties"] as Schema;
  if (!required.every((name) => Object.hasOwn(properties, name))) return undefined;
  const list: Array<string | boolean | number> = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (!isSchema(sub) || sub["type"] !== "string") return undefined;
    if (!Object.keys(sub).every((keyword) => PLAIN_STRING_KEYWORDS.has(keyword))) return undefined;
    const { minLength = 0, maxLength = Infinity } = sub;
    if (!isLength(minLength) || !isLength(maxLength)) return undefined;
    list.push(name, required.includes(name), minLength as number, maxLength as number);
  }
  return list;
}

/**
 * Whether `data` is an object whose listed properties are own strings within their lengths and
 * present where required: then the record's checks pass it unchanged (a string needs no coercion,
 * and no property has a default). `false` says only that this test cannot tell; the checks decide.
 * Lengths count UTF-16 units here, which bound the code points JSON Schema counts: at most the
 * units, at least half of them.
 */
export function passesPlainStrings(list: PlainStrings, data: unknown): boolean {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  for (let at = 0; at < list.length; at += 4) {
    const name = list[at] as string;
    const value = (data as Record<string, unknown>)[name];
    if (value === undefined) {
      if (list[at + 1] === true) return false;
      continue;
    }
    if (typeof value !== "string" || !Object.hasOwn(data, name)) return false;
    if (value.length < 2 * (list[at + 2] as number) || value.length > (list[at + 3] as number))
      return false;
  }
  return true;
}

/** The only keywords a plain string's schema has. */
const PLAIN_STRING_KEYWORDS = new Set(["type", "minLength", "maxLength"]);

function isLength(limit: unknown): boolean {
  return limit === Infinity || (Number.isSafeInteger(limit) && (limit as number) >= 0);
}

/** A property without a default. */
const NO_DEFAULT = Symbol("no default");

function isRecordSchema(schema: Schema): boolean {
  if (schema["type"] !== "object" || !isSchema(schema["properties"])) return false;
  for (const keyword of Object.keys(schema)) if (!RECORD_KEYWORDS.has(keyword)) return false;
  const required = schema["required"];
  return (
    required === undefined ||
    (Array.isArray(required) && required.every((name) => typeof name === "string"))
  );
}
