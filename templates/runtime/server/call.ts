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

/**
 * The handle and respond steps: runs the operation's handler and turns its result into a
 * response (a result the contract does not allow throws, which the pipeline makes a 500).
 */
export async function callHandler(
  handlers: Readonly<Record<string, unknown>>,
  operation: Route,
  input: Record<string, unknown>,
  checks: ResultChecks,
): Promise<{ response: ServerResponse; body: unknown; etag: unknown }> {
  const returned = (handlers[operation.id] as AnyHandler).call(handlers, input);
  let result = isThenable(returned) ? await returned : returned;
  const body = (result as { body?: unknown } | null)?.body;
  if (checks.selection !== undefined && operation.fields !== undefined && isSuccess(result))
    result = { ...result, body: project(body, operation.fields.at, checks.selection) };
  const response = toResponse(
    operation,
    body instanceof Blob ? await withBytes(result, body) : result,
  );
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
