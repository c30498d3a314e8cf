/** One problem the server reported about a request (its location, JSON pointer, code, message). */
export interface ApiErrorDetail {
  location?: string;
  pointer?: string;
  field?: string;
  code?: string;
  message?: string;
}

/**
 * An HTTP error response, read from either error format the generated server speaks: the
 * envelope (`{ success: false, error: { code, message, details }, meta: { request_id } }`) or RFC
 * 9457 problem details. A body in neither shape (or not JSON) still gives a usable error.
 */
export class ApiError<Body = unknown, Status extends number = number> extends Error {
  readonly status: Status;
  readonly code: string;
  readonly details: readonly ApiErrorDetail[];
  readonly requestId: string | undefined;
  readonly headers: Headers;
  /**
   * The parsed body (or its text when it is not JSON). Each operation's `<Name>Error` type
   * gives it the type of the error response its status declares: narrow on `status`.
   */
  readonly body: Body;

  constructor(status: Status, body: Body, headers: Headers) {
    const read = readError(body);
    super(read.message ?? `HTTP ${status}`);
    this.name = new.target.name;
    this.status = status;
    this.code = read.code ?? `HTTP_${status}`;
    this.details = read.details;
    this.requestId = read.requestId ?? headers.get("x-request-id") ?? undefined;
    this.headers = headers;
    this.body = body;
  }
}

export class BadRequestError extends ApiError {}
export class AuthenticationError extends ApiError {}
export class PermissionDeniedError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {}
/** 412: the `If-Match` sent names a version the server no longer has; read it again and retry. */
export class PreconditionFailedError extends ApiError {}
/** 428: the server needs `If-Match` on this write (the `ifMatch` call option). */
export class PreconditionRequiredError extends ApiError {}
export class UnprocessableEntityError extends ApiError {}
export class RateLimitError extends ApiError {}
export class InternalServerError extends ApiError {}

/** The request never got a response: DNS, refused connection, reset. */
export class ConnectionError extends Error {
  constructor(options: { cause: unknown }) {
    super("The request could not reach the server.", options);
    this.name = "ConnectionError";
  }
}

/** No response within the timeout (per attempt). */
export class TimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`No response within ${timeoutMs} ms.`);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** A list walk the server would make endless: the same next page, or the same page, twice. */
export class PaginationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PaginationError";
  }
}

/** The caller's AbortSignal fired (also while waiting to retry). */
export class AbortError extends Error {
  constructor(options?: { cause: unknown }) {
    super("The request was aborted.", options);
    this.name = "AbortError";
  }
}

const BY_STATUS = new Map<
  number,
  new (status: number, body: unknown, headers: Headers) => ApiError
>([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [412, PreconditionFailedError],
  [428, PreconditionRequiredError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
]);

/** The error class for a status: one per common status, `InternalServerError` for 5xx, `ApiError` otherwise. */
export function errorFor(status: number, body: unknown, headers: Headers): ApiError {
  const ErrorClass = BY_STATUS.get(status) ?? (status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(status, body, headers);
}

/**
 * The code, message, details and request id of an error body, from the shapes APIs use: the
 * envelope (`error: { code, message, details }`), Stripe's (`error: { type, code, message }`),
 * OAuth's (`error: "invalid_grant", error_description`), problem details (`type`, `title`,
 * `detail`), and flat ones (`code` string or number, `id`, `message`).
 */
function readError(body: unknown): {
  code?: string;
  message?: string;
  details: ApiErrorDetail[];
  requestId?: string;
} {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return typeof body === "string" && body.trim() !== ""
      ? { message: body.slice(0, 500), details: [] }
      : { details: [] };
  }
  const record = body as Record<string, unknown>;
  const nested =
    typeof record["error"] === "object" && record["error"] !== null
      ? (record["error"] as Record<string, unknown>)
      : {};
  const meta =
    typeof record["meta"] === "object" && record["meta"] !== null
      ? (record["meta"] as Record<string, unknown>)
      : {};
  const problemType = record["type"] !== "about:blank" ? record["type"] : undefined;
  return {
    ...first("code", [
      nested["code"],
      nested["type"],
      record["code"],
      record["error"],
      record["id"],
      problemType,
    ]),
    ...first("message", [
      nested["message"],
      record["detail"],
      record["title"],
      record["message"],
      record["error_description"],
    ]),
    details: detailsOf(nested["details"] ?? record["errors"]),
    ...first("requestId", [meta["request_id"], record["request_id"], record["requestId"]]),
  };
}

/** The first candidate that is a non-empty string or a finite number, as text. */
function first<K extends string>(key: K, candidates: unknown[]): Partial<Record<K, string>> {
  for (const value of candidates) {
    if (
      (typeof value === "string" && value !== "") ||
      (typeof value === "number" && Number.isFinite(value))
    )
      return { [key]: String(value) } as Partial<Record<K, string>>;
  }
  return {};
}

function detailsOf(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is ApiErrorDetail => typeof item === "object" && item !== null)
    .slice(0, 100);
}
