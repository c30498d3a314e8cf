import type { ErrorDetail } from "./errors.js";
import type { ServerResponse } from "./http.js";
import { project, type Selection } from "./fields.js";
import { usePatternBudget } from "./patterns.js";
import { isThenable } from "./thenable.js";
import { toResponse } from "./respond.js";
import { replyFor, type Route } from "./route.js";
import { toDetails } from "./validation.js";

/** A handler result did not match the contract (with `validateResponses`). */
export class ResponseValidationError extends Error {
  readonly operationId: string;
  readonly status: number;
  readonly details: readonly ErrorDetail[];

  constructor(operationId: string, status: number, details: readonly ErrorDetail[]) {
    super(
      `${operationId} returned a ${status} response that does not match the contract: ` +
        details.map((detail) => `${detail.pointer || "body"} ${detail.message}`).join("; "),
    );
    this.name = "ResponseValidationError";
    this.operationId = operationId;
    this.status = status;
    this.details = details;
  }
}

type AnyHandler = (input: Record<string, unknown>) => unknown;

/** How a handler's result is checked: against the contract's response schemas, when asked. */
export interface ResultChecks {
  validateResponses: boolean;
  patternTimeLimit: number;
  /** What `x-fields` keeps of a success body, when the request selects fields. */
  selection?: Selection | undefined;
}

/** A handler's result as a response, with the body and ETag it gave. */
export interface Called {
  response: ServerResponse;
  body: unknown;
  etag: unknown;
}

/**
 * The handle and respond steps: runs the operation's handler and turns its result into a
 * response (a result the contract does not allow throws, which the pipeline makes a 500). A
 * handler that returns its result (not a promise) is answered at once, without a promise.
 */
export function callHandler(
  handlers: Readonly<Record<string, unknown>>,
  operation: Route,
  input: Record<string, unknown>,
  checks: ResultChecks,
): Called | Promise<Called> {
  const returned = (handlers[operation.id] as AnyHandler).call(handlers, input);
  return isThenable(returned)
    ? Promise.resolve(returned).then((result) => respond(operation, result, checks))
    : respond(operation, returned, checks);
}

function respond(
  operation: Route,
  returned: unknown,
  checks: ResultChecks,
): Called | Promise<Called> {
  const body = (returned as { body?: unknown } | null)?.body;
  const result =
    checks.selection !== undefined && operation.fields !== undefined && isSuccess(returned)
      ? { ...returned, body: project(body, operation.fields.at, checks.selection) }
      : returned;
  if (body instanceof Blob)
    return withBytes(result, body).then((sent) => called(operation, result, sent, body, checks));
  return called(operation, result, result, body, checks);
}

/**
 * `result` is the handler's result (its body cut to the selected fields), `sent` the same as it
 * goes out (a `Blob` body read into bytes), `body` the body the handler gave.
 */
function called(
  operation: Route,
  result: unknown,
  sent: unknown,
  body: unknown,
  checks: ResultChecks,
): Called {
  const response = toResponse(operation, sent);
  if (checks.validateResponses) {
    usePatternBudget({ remainingMs: checks.patternTimeLimit });
    checkResponse(operation, result, response.status);
  }
  return { response, body, etag: (result as { etag?: unknown } | null)?.etag };
}

/** A result with a 2xx status, whose body a field selection cuts. */
function isSuccess(result: unknown): result is { status: number; body?: unknown } {
  const status = (result as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 200 && status < 300;
}

function checkResponse(operation: Route, result: unknown, status: number): void {
  const { key, mediaType } = replyFor(operation, status);
  if (key === undefined) {
    const detail: ErrorDetail = {
      location: "body",
      pointer: "",
      field: "status",
      code: "status",
      message: `status ${status} is not declared`,
    };
    throw new ResponseValidationError(operation.id, status, [detail]);
  }
  const body = (result as { body?: unknown }).body;
  // Bytes are what a binary schema says (`format: binary`); there is nothing more to check.
  const validate =
    body === undefined || body instanceof Blob || body instanceof Uint8Array
      ? undefined
      : operation.validators.response(key, mediaType);
  if (validate !== undefined && !validate(body)) {
    throw new ResponseValidationError(operation.id, status, toDetails(validate.errors, "body"));
  }
}

/** A result whose body is a `Blob` (a binary response) with the body as bytes, which is what is sent. */
async function withBytes(result: unknown, body: Blob): Promise<unknown> {
  return { ...(result as object), body: new Uint8Array(await body.arrayBuffer()) };
}
