import type { ExpandPolicy, Operation } from "./model.js";
import { BuildContext, resolveSchema } from "./context.js";
import { fieldAt, isObjectLike, readCount, readPaths, responseTarget, throughLists } from "./response-fields.js";

const DEFAULT_DEPTH = 2;

/**
 * `x-expand` (DESIGN.md): fields sent as an id unless the request names them in the parameter
 * (`expand`, `expand[]`, `include`; default `expand`, which must be declared), then as the object.
 * Each listed field's schema must admit both forms (`anyOf: [string id, object]`), so a response
 * validates either way and the client can type the expanded form. `at` as for `x-fields`; the
 * most expansions at once and the deepest path (the seed: two levels). Declared only.
 */
export function buildExpand(
  value: unknown,
  shape: Pick<Operation, "method" | "parameters" | "responses">,
  itemsPath: string | undefined,
  pointer: string,
  context: BuildContext,
): ExpandPolicy | undefined {
  const target = responseTarget("x-expand", value, shape, { itemsPath, defaultParam: "expand", example: "{ fields: [customer, items.product] }" }, pointer, context);
  if (target === undefined) return undefined;
  const { extension, param, at, object } = target;
  const fields = readPaths(extension["fields"], "x-expand fields", `${pointer}/fields`, context);
  if (fields.length === 0) throw context.error("x-expand fields is empty", `${pointer}/fields`, "list the fields a caller may expand");
  const depth = readCount(extension["depth"], DEFAULT_DEPTH, "x-expand depth", `${pointer}/depth`, context);
  for (const [index, path] of fields.entries()) {
    const where = `${pointer}/fields/${index}`;
    if (path.split(".").length > depth) throw context.error(`x-expand names ${JSON.stringify(path)}, deeper than depth ${depth}`, where, "raise depth, or expand a shallower field");
    const field = fieldAt(object, path, context);
    if (field === undefined) throw context.error(`x-expand names ${JSON.stringify(path)}, which the expanded object does not have`, where, "name a field of the response's resource");
    if (!idOrObject(throughLists(field, context), context)) {
      throw context.error(`x-expand names ${JSON.stringify(path)}, whose schema is not an id or the object`, where, "declare the field as anyOf: [{ type: string }, { $ref: <the object> }] so both forms validate");
    }
  }
  const maxExpansions = readCount(extension["maxExpansions"], fields.length, "x-expand maxExpansions", `${pointer}/maxExpansions`, context);
  return { param, at, fields, maxExpansions, depth, source: "explicit" };
}

/** A schema that is one of an id (a string or integer) and an object with fields. */
function idOrObject(schema: Record<string, unknown>, context: BuildContext): boolean {
  const members = [...asArray(schema["anyOf"]), ...asArray(schema["oneOf"])].map((member) => resolveSchema(member, context));
  const isId = (member: Record<string, unknown> | undefined) => member !== undefined && (member["type"] === "string" || member["type"] === "integer");
  const isObject = (member: Record<string, unknown> | undefined) => member !== undefined && isObjectLike(member, context);
  return members.some(isId) && members.some(isObject);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
