import { HttpError } from "./errors.js";
import type { ServerResponse } from "./http.js";
import { NotImplemented, PreconditionFailed } from "./results.js";
import { replyFor, type Route } from "./route.js";

/** What a handler returns, seen without its contract-specific types. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Readonly<Record<string, unknown>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header names already found to be tokens; responses repeat a few names, so this stays small. */
const TOKENS = new Set<string>();
const MAX_TOKENS = 1_000;

/** Whether a header name and value may be sent as they are (RFC 9110 §5.1, §5.5). */
export function isValidHeader(name: string, value: string): boolean {
  if (!TOKENS.has(name)) {
    if (!TOKEN.test(name)) return false;
    if (TOKENS.size < MAX_TOKENS) TOKENS.add(name);
  }
  return isFieldValue(value);
}

/**
 * RFC 9110 §5.5 field-value: visible ASCII, with spaces and tabs only between visible characters.
 * Every response's headers are checked, so this is a loop over the characters, not a pattern.
 */
function isFieldValue(value: string): boolean {
  const last = value.length - 1;
  for (let index = 0; index <= last; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0x21 && code <= 0x7e) continue;
    if ((code === 0x20 || code === 0x09) && index > 0 && index < last) continue;
    return false;
  }
  return true;
}

/** The first header of a response that may not be sent, as a message; `undefined` when all may. */
export function invalidHeader(headers: ReadonlyMap<string, string>): string | undefined {
  for (const [name, value] of headers) {
    if (!isValidHeader(name, value))
      return `${JSON.stringify(name)} is not a valid RFC 9110 field (value: visible ASCII, spaces and tabs inside); encode it, e.g. with encodeURIComponent`;
  }
  return undefined;
}

/** Turns a handler's result into a response; a malformed result is the handler's bug (a 500). */
export function toResponse(operation: Route, result: unknown): ServerResponse {
  if (result instanceof NotImplemented) {
    throw new HttpError(501, "NOT_IMPLEMENTED", "This operation is not implemented yet.");
  }
  if (result instanceof PreconditionFailed) {
    throw new HttpError(
      412,
      "PRECONDITION_FAILED",
      "The resource changed since the version this request names; read it again and retry.",
    );
  }
  if (typeof result !== "object" || result === null)
    throw new TypeError("a handler returned no result object");
  const { status, body, headers } = result as HandlerResult;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new TypeError(`a handler returned an invalid status ${String(status)}`);
  }
  const response: ServerResponse = { status, headers: new Map(), body: undefined };
  if (headers !== undefined) {
    for (const name in headers) {
      const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.map(String).join(", ") : String(value);
      response.headers.set(name.toLowerCase(), text);
    }
    const problem = invalidHeader(response.headers);
    if (problem !== undefined)
      throw new TypeError(`a handler returned a header that cannot be sent: ${problem}`);
  }
  if (body === undefined || status === 204 || status === 304) return response;
  const reply = replyFor(operation, status);
  const { mediaType, json } = reply;
  if (body instanceof Uint8Array || (typeof body === "string" && !json)) {
    response.body = body;
  } else {
    response.body = JSON.stringify(body);
  }
  if (!response.headers.has("content-type"))
    response.headers.set(
      "content-type",
      json ? reply.jsonContentType : contentTypeFor(mediaType, body),
    );
  return response;
}

/** The `Content-Type` of a body that is not JSON: a declared range (`image/*`) becomes a type. */
function contentTypeFor(mediaType: string, body: unknown): string {
  if (!mediaType.includes("*")) return mediaType;
  if (body instanceof Uint8Array) return "application/octet-stream";
  return typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
}
