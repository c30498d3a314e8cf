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
