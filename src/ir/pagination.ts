import type { Operation, PageSources, Pagination } from "./model.js";
import { BuildContext, isRecord, resolveSchema } from "./context.js";
import { findPageSources } from "./page-sources.js";

const STYLES = new Set(["cursor", "offset", "page"]);
const DEFAULT_NAMES = { cursor: "cursor", offset: "offset", page: "page" } as const;
/** Query parameters that can only be a cursor to the next page. */
const CURSOR_PARAMS = ["cursor", "page_token", "pageToken", "next_token", "continuation_token"];
/** Query parameters that are a cursor when the response says there is more (Stripe's `starting_after`). */
const AFTER_PARAMS = ["starting_after", "after"];
const LIMIT_PARAMS = ["limit", "per_page", "page_size", "pageSize", "max_results", "maxResults"];
const SOURCE_KEYS = ["itemsPath", "nextCursorPath", "nextUrlPath", "hasMorePath", "cursorFromItem", "totalPath", "totalPagesPath"] as const;

/**
 * `x-pagination` (DESIGN.md), or an unambiguous shape on a GET: a cursor parameter (`cursor`,
 * `page_token`…, or `starting_after`/`after` when the response says whether there is more) with
 * an integer limit, integer `offset` + `limit`, integer `page` + `per_page`/`page_size`/`limit`.
 * Where the items, the next page and the end are is read from the success response schema
 * (`x-pagination` may name each). Named parameters must be declared query parameters; limits
 * positive with the default under the max; a cursor list must say where its next cursor is.
 */
export function buildPagination(
  extension: unknown,
  shape: Pick<Operation, "method" | "parameters" | "responses">,
  pointer: string,
  context: BuildContext,
): Pagination | undefined {
  if (extension === false) return undefined;
  const query = new Map(shape.parameters.query.map((parameter) => [parameter.name, parameter]));
  // Read the response schema only for an operation that may be a list (most are not, and a
  // resource's schema can be large).
  let sources: PageSources | undefined;
  const pageSources = () => (sources ??= findPageSources(shape.responses, (schema) => resolveSchema(schema, context)));
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
    const named = { ...pageSources() };
    for (const key of SOURCE_KEYS) {
      const given = pathOf(extension[key], `${pointer}/${key}`, context);
      if (given !== undefined) named[key] = given;
    }
    return withSources({ style: typed, source: "explicit", limitParam, positionParam, defaultLimit, maxLimit }, named, shape, pointer, context);
  }
  if (shape.method !== "get") return undefined;
  // Only integer page numbers, offsets and limits are unambiguous (Stripe's `page`, for one, is a token).
  const integer = (name: string) => {
    const schema = query.get(name)?.schema;
    return typeof schema === "object" && schema.type === "integer";
  };
  const inferred = (style: Pagination["style"], positionParam: string, limitParam: string): Pagination => {
    const maxLimit = schemaNumber(query.get(limitParam)?.schema, "maximum") ?? 100;
    const defaultLimit = Math.min(schemaNumber(query.get(limitParam)?.schema, "default") ?? 20, maxLimit);
    return withSources({ style, source: "inferred", limitParam, positionParam, defaultLimit, maxLimit }, pageSources(), shape, `${pointer.slice(0, -"/x-pagination".length)}/responses`, context);
  };
  const limit = LIMIT_PARAMS.find((name) => integer(name));
  const cursor = CURSOR_PARAMS.find((name) => query.has(name));
  if (cursor !== undefined && limit !== undefined) {
    // Named like a cursor, but with no next cursor the response names, the walk could not go on:
    // the operation stays a plain call (the caller passes the cursor), and the summary says why.
    const found = pageSources();
    const linkHeader = hasLinkHeader(shape);
    if (found.nextCursorPath !== undefined || found.nextUrlPath !== undefined || linkHeader) return inferred("cursor", cursor, limit);
    const responses = `${pointer.slice(0, -"/x-pagination".length)}/responses`;
    context.warn(
      `${JSON.stringify(cursor)} looks like a page cursor, but the response does not say where the next one is: not paginated`,
      responses,
      "to page it, add x-pagination: { style: cursor, nextCursorPath: <dotted path of the next cursor> } (or declare a Link response header)",
    );
    return undefined;
  }
  // A page parameter that is not a number is a token (Stripe's search `page`, with `next_page`).
  if (query.has("page") && !integer("page") && limit !== undefined && pageSources().nextCursorPath !== undefined) return inferred("cursor", "page", limit);
  const after = AFTER_PARAMS.find((name) => query.has(name));
  if (after !== undefined && limit !== undefined) {
    const found = pageSources();
    const saysMore = found.nextCursorPath !== undefined || found.nextUrlPath !== undefined || (found.hasMorePath !== undefined && found.cursorFromItem !== undefined);
    if (saysMore) return inferred("cursor", after, limit);
  }
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

/**
 * The pagination with where its items, next page and end come from. A cursor list whose next
 * cursor cannot be found would stop after one page without a word: that is an error, with a fix.
 */
function withSources(
  base: Omit<Pagination, keyof PageSources | "linkHeader">,
  sources: PageSources,
  shape: Pick<Operation, "responses">,
  pointer: string,
  context: BuildContext,
): Pagination {
  const linkHeader = hasLinkHeader(shape);
  const cursorFromItem = base.style === "cursor" && sources.hasMorePath !== undefined && sources.nextCursorPath === undefined ? sources.cursorFromItem : undefined;
  const pagination: Pagination = { ...base, ...sources, cursorFromItem, linkHeader };
  if (base.style === "cursor" && !linkHeader && sources.nextCursorPath === undefined && sources.nextUrlPath === undefined && cursorFromItem === undefined) {
    throw context.error(
      `this list is paginated by ${JSON.stringify(base.positionParam)}, but its response does not say where the next cursor is`,
      pointer,
      "add x-pagination: { style: cursor, nextCursorPath: <dotted path of the next cursor> } (or nextUrlPath, or hasMorePath with cursorFromItem), declare a Link response header, or x-pagination: false",
    );
  }
  return pagination;
}

/** A success response declares a `Link` header. */
function hasLinkHeader(shape: Pick<Operation, "responses">): boolean {
  return shape.responses.some((response) => /^2/.test(response.status) && response.headers.some((header) => header.name.toLowerCase() === "link"));
}

