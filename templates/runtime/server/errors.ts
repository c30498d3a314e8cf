import { STATUS_TEXT } from "./status-text.js";
import type { ServerResponse } from "./http.js";

/** `envelope`: `{ success: false, error, meta }` (the default); `problem`: RFC 9457 problem details. */
export type ErrorFormat = "envelope" | "problem";

export type ErrorLocation = "path" | "query" | "header" | "cookie" | "body";

/** One thing wrong with a request: where (location + JSON pointer), what, and a stable code. */
export interface ErrorDetail {
  location: ErrorLocation;
  /** JSON pointer inside the location (`/email`, `/items/0/qty`; `""` for the whole body). */
  pointer: string;
  /** The parameter name, or the body pointer, in the form people read. */
  field: string;
  code: string;
  message: string;
}

/** A JSON pointer (RFC 6901) from path segments: `~` and `/` are escaped. */
export function pointerTo(...segments: readonly string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** An error that becomes an HTTP response in the server's error format. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  readonly headers: ReadonlyMap<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly ErrorDetail[] = [],
    headers: ReadonlyMap<string, string> = new Map(),
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/** The body and headers of an error response. Only the error's own code and message are shown. */
export function errorResponse(
  error: HttpError,
  requestId: string,
  format: ErrorFormat,
): ServerResponse {
  const headers = new Map(error.headers);
  if (format === "problem") {
    headers.set("content-type", "application/problem+json");
    const problem = {
      type: "about:blank",
      title: STATUS_TEXT.get(error.status) ?? "Error",
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(error.details.length > 0 ? { errors: error.details } : {}),
      request_id: requestId,
    };
    return { status: error.status, headers, body: JSON.stringify(problem) };
  }
  headers.set("content-type", "application/json; charset=utf-8");
  const envelope = {
    success: false,
    error: { code: error.code, message: error.message, details: error.details },
    meta: { request_id: requestId },
  };
  return { status: error.status, headers, body: JSON.stringify(envelope) };
}
