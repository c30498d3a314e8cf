/** How a parameter's raw text is read: one value, a list, or a map of named values. */
export type ParameterShape = "scalar" | "array" | "object";

export interface ParameterContract {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly style: string;
  readonly explode: boolean;
  readonly shape: ParameterShape;
}

export interface SecurityRequirementEntry {
  readonly scheme: string;
  readonly scopes: readonly string[];
}

/** What the contract says of one operation; the generated `operations` table holds one per operation. */
export interface OperationContract {
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterContract[];
  readonly requestBody: {
    readonly required: boolean;
    readonly contentTypes: readonly string[];
  } | null;
  /** Status (`200`, `2XX`, `default`) → the media types that response may carry. */
  readonly responses: Readonly<Record<string, readonly string[]>>;
  /** Alternatives (any one suffices) of requirements (every scheme in one must pass); `[]`: no auth. */
  readonly security: readonly (readonly SecurityRequirementEntry[])[];
  readonly deprecated: boolean;
  /** `x-sunset`, an RFC 3339 date or date-time. */
  readonly sunset?: string;
  /** `x-pagination` (or an unambiguous list shape): how the operation pages. */
  readonly pagination?: PaginationContract;
  /** `x-idempotency` (or an `Idempotency-Key` header parameter): how retries of this operation are made safe. */
  readonly idempotency?: IdempotencyContract;
  /** `x-cache`: caching and ETags on a GET, `If-Match` preconditions on a write. */
  readonly cache?: CacheContract;
  /** `x-sort`: the fields a list may be ordered by, and how the order is asked for. */
  readonly sort?: SortContract;
  /** `x-fields`: the fields a caller may select, projected after the handler. */
  readonly fields?: FieldsContract;
  /** `x-expand`: the fields a caller may ask for as objects rather than ids. */
  readonly expand?: ExpandContract;
  /** Every `x-rate-limit` rule that applies, most specific first. */
  readonly rateLimits: readonly RateLimitContract[];
}

/** `x-sort` as the runtime applies it. */
export interface SortContract {
  /** The query parameter that carries the order (`sort=category,-price`). */
  readonly param: string;
  readonly fields: readonly string[];
  /** The order when the request names none. */
  readonly defaults: readonly { readonly field: string; readonly direction: "asc" | "desc" }[];
  readonly maxKeys: number;
}

/** `x-fields` as the runtime applies it. */
export interface FieldsContract {
  /** The query parameter that carries the selection (`fields=id,name`). */
  readonly param: string;
  /** Where the projected object sits in the success body (lists walked through); empty: the body. */
  readonly at: readonly string[];
  /** The selectable fields, nested ones dotted. */
  readonly fields: readonly string[];
  /** Fields kept whatever is selected (a nested one when its object is kept). */
  readonly always: readonly string[];
  readonly maxFields: number;
  readonly depth: number;
}

/** `x-expand` as the runtime applies it. */
export interface ExpandContract {
  /** The query parameter that carries the expansions (`expand`, `expand[]`, `include`). */
  readonly param: string;
  readonly fields: readonly string[];
  readonly maxExpansions: number;
  readonly depth: number;
}

/** `x-cache` as the runtime applies it. */
export interface CacheContract {
  /** The `Cache-Control` a GET's successes carry. */
  readonly cacheControl?: string;
  /** How a GET's ETag compares; absent: no ETag. */
  readonly etag?: "strong" | "weak";
  /** Header names a GET's successes vary by. */
  readonly vary?: readonly string[];
  /** A write's `If-Match`: checked when sent, or 428 without it. */
  readonly precondition?: "optional" | "required";
}

/** One `x-rate-limit` rule as the runtime applies it. */
export interface RateLimitContract {
  /** The budget it draws on: `*` for the document's rule, the path for a path item's, the operation id for its own. */
  readonly bucket: string;
  readonly algorithm:
    "fixed-window" | "sliding-window" | "sliding-window-log" | "token-bucket" | "gcra";
  readonly limit: number;
  readonly windowMs: number;
  readonly burst?: number;
  /** `ip`, `principal` or `header:<name>`. */
  readonly key: string;
  /** Plan → limit. */
  readonly tiers: Readonly<Record<string, number>>;
  readonly failOpen: boolean;
}

export interface SecuritySchemeContract {
  readonly type: "apiKey" | "http" | "oauth2" | "openIdConnect" | "mutualTLS";
  /** apiKey: where the key travels and under which name. */
  readonly in?: "header" | "query" | "cookie";
  readonly name?: string;
  /** http: the lower-cased scheme (`bearer`, `basic`, …). */
  readonly scheme?: string;
}

export interface IdempotencyContract {
  /** A request without a key is refused (400). */
  readonly required: boolean;
  readonly header: string;
  /** How long a completed response is replayed. */
  readonly ttlMs: number;
  /** How long the first request holds the key before a retry may take over (a crashed process's lease expires). */
  readonly leaseMs: number;
}

export interface PaginationContract {
  readonly style: "cursor" | "offset" | "page";
  readonly limitParam: string;
  /** The cursor, offset or page-number parameter. */
  readonly positionParam: string;
  readonly defaultLimit: number;
  readonly maxLimit: number;
  /** Where the items are (dotted path); absent: the body is the list, or holds it as its first list. */
  readonly itemsPath?: string;
  /** Where the next cursor is. */
  readonly nextCursorPath?: string;
  /** Where the next page's URL is. */
  readonly nextUrlPath?: string;
  /** A boolean that is true while more pages follow. */
  readonly hasMorePath?: string;
  /** With `hasMorePath`: the field of a page's last item that is the next cursor. */
  readonly cursorFromItem?: string;
  /** The total number of items. */
  readonly totalPath?: string;
  /** The total number of pages. */
  readonly totalPagesPath?: string;
}
