/**
 * The normalized API model. Emitters read only this; the raw spec never leaks past the IR stage.
 * Every `id` here is a safe, unique TypeScript identifier; every other string is spec text and
 * must reach generated code only as an escaped literal or comment.
 */
import type { OpenApiVersion } from "../load/version.js";

/** A JSON Schema object as written in the spec (internal `$ref`s kept). Data, never code. */
export type JsonSchema = Readonly<Record<string, unknown>> | boolean;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ApiModel {
  openapi: OpenApiVersion;
  title: string;
  version: string;
  description: string | undefined;
  /** Path of the first server URL (e.g. `/v1`), or `""`. */
  basePath: string;
  operations: Operation[];
  schemas: NamedSchema[];
  securitySchemes: SecurityScheme[];
  tags: Tag[];
  /** The schema each `$ref` in the operations' schemas reaches (transitively), by its pointer. */
  refTargets: ReadonlyMap<string, JsonSchema | undefined>;
  /**
   * The bundled document, for openapi-typescript's transform alone (it reads an OpenAPI document,
   * not this model); no other emitter reads it.
   */
  typesSource: Readonly<Record<string, unknown>>;
  /**
   * Some schema marks a property `readOnly` or `writeOnly`: the types then tell requests (no
   * readOnly property) from responses (no writeOnly property).
   */
  readWrite: boolean;
  /** Operations whose method and URL shape an earlier operation has already: a server cannot route them apart. */
  sharedRoutes: SharedRoute[];
  /** What the contract leaves to guesswork that the tool settled the safe way: said in the summary, not an error. */
  warnings: ModelWarning[];
}

export interface SharedRoute {
  /** The later operation, and the first one with its method and URL shape. */
  pointer: string;
  first: string;
  message: string;
  hint: string;
}

export interface ModelWarning {
  message: string;
  /** Where in the document, as a JSON pointer. */
  pointer: string;
  hint: string;
}

export interface Operation {
  id: string;
  /** The operationId as written, when there is one. */
  operationId: string | undefined;
  method: HttpMethod;
  /** The path template: the key under `paths` up to any `#` or `?` (what the rest says tells operations apart and never reaches a URL). */
  path: string;
  /** The key under `paths` as written (`/folders/{folder_id}#get_shared_link`). */
  pathKey: string;
  /** JSON pointer of the operation in the bundled document. */
  pointer: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  /** `x-sunset` date, when the operation is deprecated with one. */
  sunset: string | undefined;
  /** `x-stability-level`: draft and alpha operations may change freely; beta, stable and unmarked ones are held to `codegen diff`'s rules. */
  stability: StabilityLevel | undefined;
  tags: string[];
  parameters: Record<ParameterLocation, Parameter[]>;
  requestBody: RequestBody | undefined;
  responses: Response[];
  /** Alternatives (OR) of requirements (AND); `[]` means no auth. */
  security: SecurityRequirement[];
  policies: Policies;
  /** Statuses the generated server may send for this operation on its own (validation, auth, limits…). */
  impliedStatuses: ImpliedStatus[];
}

export const STABILITY_LEVELS = ["draft", "alpha", "beta", "stable"] as const;
export type StabilityLevel = (typeof STABILITY_LEVELS)[number];

export interface ImpliedStatus {
  status: number;
  /** What sends it, for people: `rate limit`, `authentication`, …. */
  reason: string;
}

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description: string | undefined;
  deprecated: boolean;
  style: string;
  explode: boolean;
  /** How the raw text is read: one value, a list, or a map (from the schema's type, `$ref`s followed). */
  shape: "scalar" | "array" | "object";
  schema: JsonSchema | undefined;
  /** JSON pointers of the Parameter Object (its `$ref` followed) and of its schema. */
  pointer: string;
  schemaPointer: string;
}

export interface MediaType {
  contentType: string;
  schema: JsonSchema | undefined;
  /** JSON pointer of the Media Type Object. */
  pointer: string;
}

export interface RequestBody {
  required: boolean;
  description: string | undefined;
  content: MediaType[];
  /** JSON pointer of the Request Body Object (its `$ref` followed). */
  pointer: string;
}

export interface ResponseHeader {
  name: string;
  required: boolean;
  description: string | undefined;
  schema: JsonSchema | undefined;
  /** JSON pointer of the Header Object (its `$ref` followed). */
  pointer: string;
}

export interface Response {
  /** `200`, `2XX` or `default`. */
  status: string;
  description: string;
  content: MediaType[];
  headers: ResponseHeader[];
  /** JSON pointer of the Response Object (its `$ref` followed). */
  pointer: string;
}

/** One way to authenticate: every scheme in it must pass. */
export type SecurityRequirement = Array<{ scheme: string; scopes: string[] }>;

export interface SecurityScheme {
  name: string;
  id: string;
  type: "apiKey" | "http" | "oauth2" | "openIdConnect" | "mutualTLS";
  /** apiKey: where the key travels and under which name. */
  in: "header" | "query" | "cookie" | undefined;
  parameterName: string | undefined;
  /** http: `bearer`, `basic`, … (lower-cased). */
  scheme: string | undefined;
  description: string | undefined;
}

export interface NamedSchema {
  /** The key under `components.schemas`. */
  name: string;
  /** A PascalCase type name. */
  id: string;
  description: string | undefined;
  schema: JsonSchema;
}

export interface Tag {
  name: string;
  /** A camelCase group name. */
  id: string;
  description: string | undefined;
}

/** Where a policy came from: an explicit extension, or an unambiguous shape in the contract. */
export type PolicySource = "explicit" | "inferred";

export interface SortPolicy {
  /** The query parameter that carries the order (`sort=category,-price`). */
  param: string;
  /** The fields a caller may sort by. */
  fields: string[];
  /** The order when the request names none (may be empty: the handler's own). */
  defaults: Array<{ field: string; direction: "asc" | "desc" }>;
  /** The most keys one request may name. */
  maxKeys: number;
  source: PolicySource;
}

/** `x-fields`: sparse fieldsets, projected by the server after the handler. */
export interface FieldsPolicy {
  /** The query parameter that carries the selection (`fields=id,name`). */
  param: string;
  /** Where the projected object sits in the success body (property names; lists walked through); empty: the body. */
  at: string[];
  /** The fields a caller may select, nested ones dotted (`owner.name`). */
  fields: string[];
  /** Fields returned whatever is selected: `always`, and every field the schema requires (nested ones dotted, kept when their object is). */
  always: string[];
  /** The most fields one request may name. */
  maxFields: number;
  /** The most levels a selected path may have (`owner.name` has 2). */
  depth: number;
  source: PolicySource;
}

/** `x-expand`: fields sent as an id unless the request asks for the object. */
export interface ExpandPolicy {
  /** The query parameter that carries the expansions (`expand`, `expand[]`, `include`). */
  param: string;
  /** Where the expanded object sits in the success body, as for `x-fields`. */
  at: string[];
  /** The expandable fields, nested ones dotted (`items.product`). */
  fields: string[];
  /** The most expansions one request may name. */
  maxExpansions: number;
  /** The most levels an expansion path may have (the seed: 2). */
  depth: number;
  source: PolicySource;
}

export interface CachePolicy {
  /** The `Cache-Control` a GET's successes carry, when `x-cache` gives directives. */
  cacheControl: string | undefined;
  /** How a GET's ETag compares: `strong` (byte for byte) or `weak`; undefined: no ETag. */
  etag: "strong" | "weak" | undefined;
  /** Header names a GET's successes vary by. */
  vary: string[];
  /** A write's `If-Match`: checked when sent (`optional`), or 428 without it (`required`). */
  precondition: "optional" | "required" | undefined;
}

export interface Policies {
  pagination: Pagination | undefined;
  /** `x-cache`: caching and ETags on a GET, `If-Match` preconditions on a write. */
  cache: CachePolicy | undefined;
  /** `x-sort`, or a `sort` parameter that enumerates its keys. */
  sort: SortPolicy | undefined;
  /** `x-fields`: which fields a caller may select, and which always come back. */
  fields: FieldsPolicy | undefined;
  /** `x-expand`: which fields a caller may ask to be expanded from an id to the object. */
  expand: ExpandPolicy | undefined;
  /** `ttlMs`: how long a completed response is replayed; `leaseMs`: how long a first request may run before a retry may take over. */
  idempotency: { required: boolean; header: string; ttlMs: number; leaseMs: number; source: PolicySource } | undefined;
  /** Every rule that applies (operation, path item and document levels together), most specific first. */
  rateLimit: { scope: "root" | "path" | "operation"; source: PolicySource; rules: RateLimitRule[] } | undefined;
}

export interface RateLimitRule {
  /** Where it is declared: the document's rule is one budget across all operations; a path item's is shared by its methods. */
  scope: "root" | "path" | "operation";
  algorithm: "fixed-window" | "sliding-window" | "sliding-window-log" | "token-bucket" | "gcra";
  limit: number;
  windowMs: number;
  burst: number | undefined;
  key: { by: "ip" | "principal" } | { by: "header"; header: string };
  /** Plan → limit, for principals whose plan the server reports. */
  tiers: Array<{ plan: string; limit: number }>;
  failOpen: boolean;
}

/** Where a list response keeps its items and says where the next page is and when the list ends (dotted paths into the body). */
export interface PageSources {
  /** The items; undefined when the body is the list. */
  itemsPath: string | undefined;
  /** A cursor for the next page (`meta.next_cursor`, `nextPageToken`). */
  nextCursorPath: string | undefined;
  /** The next page's URL (`links.next`, `links.pages.next`, `_links.next.href`). */
  nextUrlPath: string | undefined;
  /** A boolean that is true while there are more pages (`has_more`, `more`). */
  hasMorePath: string | undefined;
  /** With `hasMorePath`: the field of a page's last item whose value is the next cursor (Stripe's `id`). */
  cursorFromItem: string | undefined;
  /** The total number of items (`meta.total`, `total_count`). */
  totalPath: string | undefined;
  /** The total number of pages (`pagination.total_pages`). */
  totalPagesPath: string | undefined;
}

export interface Pagination extends PageSources {
  style: "cursor" | "offset" | "page";
  source: PolicySource;
  /** The query parameter of the page size. */
  limitParam: string;
  /** The query parameter of the position: the cursor, offset or page number. */
  positionParam: string;
  defaultLimit: number;
  /** Larger requested limits are clamped to this. */
  maxLimit: number;
  /** The success response declares a `Link` header (RFC 8288), which the client follows. */
  linkHeader: boolean;
}
