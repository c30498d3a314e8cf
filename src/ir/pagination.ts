import type { Operation, Pagination } from "./model.js";
import { BuildContext, isRecord } from "./context.js";

const STYLES = new Set(["cursor", "offset", "page"]);
const DEFAULT_NAMES = { cursor: "cursor", offset: "offset", page: "page" } as const;

/**
 * `x-pagination` (DESIGN.md), or an unambiguous shape: `cursor` + integer `limit`, integer
 * `offset` + `limit`, integer `page` + `per_page`/`page_size`/`limit` on a GET. Named parameters
 * must be declared query parameters; limits must be positive with the default under the max.
 */
export function buildPagination(
  extension: unknown,
  shape: Pick<Operation, "method" | "parameters">,
  pointer: string,
  context: BuildContext,
): Pagination | undefined {
  if (extension === false) return undefined;
  const query = new Map(shape.parameters.query.map((parameter) => [parameter.name, parameter]));
  if (extension !== undefined) {
    if (!isRecord(extension)) throw context.error("x-pagination must be an object or false", pointer, "write e.g. { style: cursor, limitParam: limit, maxLimit: 100 }");
    const style = extension.style;
    if (typeof style !== "string" || !STYLES.has(style)) {
      throw context.error(`unknown pagination style ${JSON.stringify(style)}`, `${pointer}/style`, "use cursor, offset or page");
    }
    const typed = style as Pagination["style"];
    const param = (key: string, fallback: string) => {
      const name = extension[key] ?? fallback;
      if (typeof name !== "string" || !query.has(name)) {
        throw context.error(`x-pagination ${key} ${JSON.stringify(name)} is not a query parameter of this operation`, `${pointer}/${key}`, "declare the parameter, or name one that is declared");
      }
      return name;
    };
    const limitParam = param("limitParam", typed === "page" ? "per_page" : "limit");
    const positionParam = param(`${typed}Param`, DEFAULT_NAMES[typed]);
    const maxLimit = positive(extension.maxLimit, schemaNumber(query.get(limitParam)?.schema, "maximum") ?? 100, `${pointer}/maxLimit`, context);
    const defaultLimit = positive(extension.defaultLimit, schemaNumber(query.get(limitParam)?.schema, "default") ?? Math.min(20, maxLimit), `${pointer}/defaultLimit`, context);
    if (defaultLimit > maxLimit) throw context.error("x-pagination defaultLimit is over maxLimit", `${pointer}/defaultLimit`, "make defaultLimit at most maxLimit");
    return {
      style: typed,
      source: "explicit",
      limitParam,
      positionParam,
      defaultLimit,
      maxLimit,
      itemsPath: pathOf(extension.itemsPath, `${pointer}/itemsPath`, context),
      nextCursorPath: pathOf(extension.nextCursorPath, `${pointer}/nextCursorPath`, context),
    };
  }
  if (shape.method !== "get") return undefined;
  // Only integer page numbers, offsets and limits are unambiguous (Stripe's `page`, for one, is a token).
  const integer = (name: string) => {
    const schema = query.get(name)?.schema;
    return typeof schema === "object" && schema.type === "integer";
  };
  const inferred = (style: Pagination["style"], positionParam: string, limitParam: string): Pagination => {
    const maxLimit = schemaNumber(query.get(limitParam)?.schema, "maximum") ?? 100;
    return {
      style,
      source: "inferred",
      limitParam,
      positionParam,
      defaultLimit: Math.min(schemaNumber(query.get(limitParam)?.schema, "default") ?? 20, maxLimit),
      maxLimit,
      itemsPath: undefined,
      nextCursorPath: undefined,
    };
  };
  if (query.has("cursor") && integer("limit")) return inferred("cursor", "cursor", "limit");
  if (integer("offset") && integer("limit")) return inferred("offset", "offset", "limit");
  const pageLimit = ["per_page", "page_size", "limit"].find((name) => integer(name));
  if (integer("page") && pageLimit !== undefined) return inferred("page", "page", pageLimit);
  return undefined;
}

function positive(value: unknown, fallback: number, pointer: string, context: BuildContext): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw context.error("x-pagination limits must be positive integers", pointer, "write a whole number such as 20");
  }
  return value;
}

function schemaNumber(schema: unknown, keyword: string): number | undefined {
  const value = isRecord(schema) ? schema[keyword] : undefined;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** A dotted path into the response body (`data`, `meta.next_cursor`). */
function pathOf(value: unknown, pointer: string, context: BuildContext): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(value)) {
    throw context.error("x-pagination paths are dotted property names", pointer, "write e.g. data or meta.next_cursor");
  }
  return value;
}
