import type { JsonSchema, PageSources, Response } from "./model.js";
import { isRecord } from "./context.js";

/** How deep into a response body the fields are looked for, and how many at most. */
const MAX_DEPTH = 4;
const MAX_FIELDS = 2_000;

const CURSOR_NAMES = new Set([
  "nextcursor",
  "nextpagetoken",
  "nexttoken",
  "endcursor",
  "continuationtoken",
  "nextmarker",
  "nextkey",
  "nextpagecursor",
]);
const URL_NAMES = new Set(["nexturl", "nextlink", "nextpageurl"]);
const LINK_PARENTS = new Set(["links", "_links", "link", "paging", "pagination", "pages"]);
const HAS_MORE_NAMES = new Set(["hasmore", "hasnext", "hasnextpage", "more", "hasmoreitems", "hasmoreresults"]);
const TOTAL_NAMES = new Set(["total", "totalcount", "totalitems", "totalresults", "totalentries", "totalrecords"]);
const TOTAL_PAGES_NAMES = new Set(["totalpages", "pagecount", "lastpage", "numpages"]);
const ITEM_NAMES = ["data", "items", "results", "records", "entries", "values", "list", "nodes", "edges", "content"];

interface Field {
  path: string;
  name: string;
  parent: string;
  schema: Record<string, unknown>;
  type: string | undefined;
}

/**
 * Reads a list operation's success response schema, at any depth up to a few levels (through
 * `$ref` and `allOf`), for the fields pagination can go by. Each is the shallowest field whose
 * name says what it is; undefined when there is none.
 */
export function findPageSources(responses: readonly Response[], resolve: (schema: unknown) => Record<string, unknown> | undefined): PageSources {
  const schema = successSchema(responses);
  const root = schema === undefined ? undefined : resolve(schema);
  const fields = root === undefined ? [] : collectFields(root, resolve);
  const find = (test: (field: Field) => boolean) => fields.find(test)?.path;
  const normalized = (field: Field) => field.name.toLowerCase().replace(/[_-]/g, "");
  const itemsPath = root === undefined || typeOf(root) === "array" ? undefined : findItems(fields);
  const items = itemsPath === undefined ? (root === undefined ? undefined : resolve(root.items)) : resolve(fields.find((field) => field.path === itemsPath)?.schema.items);
  const nextUrl = fields.find((field) => isNextUrl(field, normalized(field)));
  return {
    itemsPath,
    nextCursorPath: find((field) => isCursor(field, normalized(field))),
    nextUrlPath: nextUrl === undefined ? undefined : nextUrl.type === "object" ? `${nextUrl.path}.href` : nextUrl.path,
    hasMorePath: find((field) => field.type === "boolean" && HAS_MORE_NAMES.has(normalized(field))),
    cursorFromItem: items !== undefined && properties(items, resolve).some(([name]) => name === "id") ? "id" : undefined,
    totalPath: find((field) => isInteger(field) && TOTAL_NAMES.has(normalized(field))),
    totalPagesPath: find((field) => isInteger(field) && TOTAL_PAGES_NAMES.has(normalized(field))),
  };
}

/** The first 2xx response's JSON schema. */
function successSchema(responses: readonly Response[]): JsonSchema | undefined {
  for (const response of responses) {
    if (!/^2/.test(response.status)) continue;
    const json = response.content.find((media) => /[/+]json\b/i.test(media.contentType));
    if (json?.schema !== undefined) return json.schema;
  }
  return undefined;
}

/** Every property under the root, breadth first (so the shallowest comes first), without recursion. */
function collectFields(root: Record<string, unknown>, resolve: (schema: unknown) => Record<string, unknown> | undefined): Field[] {
  const fields: Field[] = [];
  const queue: Array<{ schema: Record<string, unknown>; path: string; parent: string; depth: number }> = [{ schema: root, path: "", parent: "", depth: 0 }];
  for (let index = 0; index < queue.length; index++) {
    const { schema, path, parent, depth } = queue[index]!;
    for (const [name, value] of properties(schema, resolve)) {
      if (fields.length >= MAX_FIELDS) return fields;
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
      const property = resolve(value);
      if (property === undefined) continue;
      const fieldPath = path === "" ? name : `${path}.${name}`;
      fields.push({ path: fieldPath, name, parent, schema: property, type: typeOf(property) });
      if (depth + 1 < MAX_DEPTH && typeOf(property) === "object") queue.push({ schema: property, path: fieldPath, parent: name, depth: depth + 1 });
    }
  }
  return fields;
}

/** A schema's own properties and those of the parts it is composed of (a few levels deep). */
function properties(schema: Record<string, unknown>, resolve: (schema: unknown) => Record<string, unknown> | undefined, depth = 0): Array<[string, unknown]> {
  if (depth > MAX_DEPTH) return [];
  const entries: Array<[string, unknown]> = isRecord(schema.properties) ? Object.entries(schema.properties) : [];
  // The parts of a composition may each hold some of the fields (DigitalOcean's `links.pages` is an anyOf).
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const parts = schema[keyword];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const resolved = resolve(part);
      if (resolved !== undefined) entries.push(...properties(resolved, resolve, depth + 1));
    }
  }
  return entries;
}

function findItems(fields: readonly Field[]): string | undefined {
  const arrays = fields.filter((field) => field.type === "array");
  const named = ITEM_NAMES.map((name) => arrays.find((field) => field.name === name)).find((field) => field !== undefined);
  return (named ?? arrays[0])?.path;
}

/** A field named as the next cursor; Stripe's `next_page` is one too, unless declared a URI. */
function isCursor(field: Field, normalized: string): boolean {
  if (field.type === "object" || field.type === "array") return false;
  return CURSOR_NAMES.has(normalized) || (normalized === "nextpage" && !isUri(field));
}

function isUri(field: Field): boolean {
  return field.schema.format === "uri" || field.schema.format === "url";
}

/** `next` under a links object, or `next` declared as a URI, or a name that says next URL. */
function isNextUrl(field: Field, normalized: string): boolean {
  if (URL_NAMES.has(normalized)) return field.type === "string";
  if (normalized === "nextpage") return field.type === "string" && isUri(field);
  if (normalized !== "next") return false;
  if (field.type === "object") return isRecord(field.schema.properties) && Object.hasOwn(field.schema.properties, "href");
  return field.type === "string" && (LINK_PARENTS.has(field.parent.toLowerCase()) || isUri(field));
}

function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== "null") : schema.type;
  if (typeof type === "string") return type;
  if (isRecord(schema.properties) || ["allOf", "anyOf", "oneOf"].some((keyword) => Array.isArray(schema[keyword]))) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

function isInteger(field: Field): boolean {
  return field.type === "integer" || field.type === "number";
}
