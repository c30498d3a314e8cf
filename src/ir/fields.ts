import type { FieldsPolicy, Operation, Pagination } from "./model.js";
import type { BuildContext } from "./context.js";
import { derivedPaths, fieldAt, objectShape, readCount, readPaths, responseTarget, throughLists } from "./response-fields.js";

const DEFAULT_DEPTH = 2;

/**
 * `x-fields` (DESIGN.md): sparse fieldsets on a read. Which object is projected (`at`: the list's
 * items or the envelope's `data` by default), the selectable fields (every field of that object
 * up to `depth` levels unless listed), fields always returned (`always`, plus every field the
 * schema requires, which `validate` reports when the list names it, and the item field a next
 * cursor is read from), the most fields at once and
 * the parameter (default `fields`, which must be declared). Declared only.
 */
export function buildFields(
  value: unknown,
  shape: Pick<Operation, "method" | "parameters" | "responses">,
  pagination: Pagination | undefined,
  pointer: string,
  context: BuildContext,
): FieldsPolicy | undefined {
  const target = responseTarget("x-fields", value, shape, { itemsPath: pagination?.itemsPath, defaultParam: "fields", example: "{ always: [id], depth: 2 }" }, pointer, context);
  if (target === undefined) return undefined;
  const { extension, param, at, object } = target;
  const listed = extension["fields"] === undefined ? undefined : readPaths(extension["fields"], "x-fields fields", `${pointer}/fields`, context);
  const depth = readCount(extension["depth"], Math.max(DEFAULT_DEPTH, ...(listed ?? []).map(levels)), "x-fields depth", `${pointer}/depth`, context);
  const fields = listed ?? derivedPaths(object, depth, context);
  for (const [index, path] of fields.entries()) {
    if (fieldAt(object, path, context) === undefined) throw context.error(`x-fields names ${JSON.stringify(path)}, which the projected object does not have`, `${pointer}/fields/${index}`, `name a field of the object at ${at.join(".") || "the body"}`);
    if (levels(path) > depth) throw context.error(`x-fields names ${JSON.stringify(path)}, deeper than depth ${depth}`, `${pointer}/fields/${index}`, "raise depth, or select the parent field");
  }
  const always = extension["always"] === undefined ? [] : readPaths(extension["always"], "x-fields always", `${pointer}/always`, context);
  for (const [index, path] of always.entries()) {
    if (fieldAt(object, path, context) === undefined) throw context.error(`x-fields always names ${JSON.stringify(path)}, which the projected object does not have`, `${pointer}/always/${index}`, `name a field of the object at ${at.join(".") || "the body"}`);
  }
  const required = requiredPaths(object, fields, context);
  // A list whose next cursor is the last item's field keeps that field, or the next page is lost.
  const cursor = pagination?.cursorFromItem !== undefined && at.join(".") === (pagination.itemsPath ?? "") ? [pagination.cursorFromItem] : [];
  // A nested object's required fields come back only with it, so only the object's own can conflict.
  const forced = fields.filter((path) => !path.includes(".") && required.includes(path) && !always.includes(path));
  if (listed !== undefined && forced.length > 0) {
    context.warn(
      `x-fields lists ${forced.join(", ")} as selectable, but the schema requires ${forced.length === 1 ? "it" : "them"}, so ${forced.length === 1 ? "it is" : "they are"} always returned`,
      `${pointer}/fields`,
      "make the field optional in the schema if callers may leave it out, or move it to always",
    );
  }
  const maxFields = readCount(extension["maxFields"], fields.length, "x-fields maxFields", `${pointer}/maxFields`, context);
  return { param, at, fields, always: [...new Set([...always, ...cursor, ...required])], maxFields, depth, source: "explicit" };
}

/** The fields a projection must keep for the schema's `required`: the object's own, and those of each nested object a path reaches. */
function requiredPaths(object: Record<string, unknown>, fields: readonly string[], context: BuildContext): string[] {
  const parents = new Set([""]);
  for (const path of fields) {
    const names = path.split(".");
    for (let level = 1; level < names.length; level++) parents.add(names.slice(0, level).join("."));
  }
  const required: string[] = [];
  for (const parent of parents) {
    const schema = parent === "" ? object : fieldAt(object, parent, context);
    if (schema === undefined) continue;
    for (const name of objectShape(throughLists(schema, context), context, true).required) required.push(parent === "" ? name : `${parent}.${name}`);
  }
  return required;
}

function levels(path: string): number {
  return path.split(".").length;
}
