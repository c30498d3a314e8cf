import type { OperationContract, SecuritySchemeContract } from "../contract.js";
import { authenticate } from "./auth.js";
import { matchMediaType, parseBody, readBody } from "./body.js";
import {
  errorResponse,
  HttpError,
  type ErrorDetail,
  type ErrorFormat,
  type ErrorLocation,
} from "./errors.js";
import { headerValue, type ServerRequest, type ServerResponse } from "./http.js";
import { parseCookies, parseQuery, readParameters, type ParameterValues } from "./parameters.js";
import { requestIdFor } from "./request-id.js";
import { checkDepth, DEFAULT_DEPTH_LIMIT } from "./depth.js";
import { invalidHeader, responseKey, responseMediaType, toResponse } from "./respond.js";
import { Paginator, type Page } from "../pagination/page.js";
import { IdempotencyGuard, type IdempotencyOptions, type Lease } from "./idempotency.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limiting.js";
import { RouteTable } from "./routes.js";
import { DEFAULT_PATTERN_TIME_LIMIT, usePatternBudget } from "./patterns.js";
import { ContractValidators, toDetails, type ContractSchemas } from "./validation.js";

/** The contract as the generated code hands it to the runtime. */
export interface ServerContract {
  readonly operations: Readonly<Record<string, OperationContract>>;
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeContract>>;
  readonly schemas: ContractSchemas;
  /** The path of the first server URL (`/v1`), or `""`. */
  readonly basePath: string;
  /** The error format the contract's own error responses use. */
  readonly errorFormat: ErrorFormat;
}

export interface ErrorContext {
  requestId: string;
  operationId: string | undefined;
  method: string;
  path: string;
}

export interface ServerOptions {
  /** Defaults to the format the contract's error responses declare (problem+json or the envelope). */
  errorFormat?: ErrorFormat;
  /** Largest request body accepted, in bytes; more is a 413. Default 1 MiB. */
  bodyLimit?: number;
  /** Deepest nesting of arrays and objects a request body may have; deeper is a 400. Default 64. */
  depthLimit?: number;
  /**
   * Milliseconds one request may spend matching contract patterns RE2 cannot run (look-around,
   * back-references); a value not matched within it fails its pattern (400). Default 50.
   */
  patternTimeLimit?: number;
  /** Check each handler result against the contract; a mismatch is a 500 and is reported to `onError`. */
  validateResponses?: boolean;
  /**
   * Told of every unexpected error (a 500): thrown handlers, failing verifiers, invalid results,
   * a response that could not be sent. An error it throws itself is logged, never propagated.
   */
  onError?: (error: unknown, context: ErrorContext) => void;
  /** Overrides the contract's base path (`""` mounts operations at their bare paths). */
  basePath?: string;
  /** Pass requests no operation matches to the next middleware instead of answering 404. */
  fallthrough?: boolean;
  /** The realm named in `WWW-Authenticate` challenges. Default `"api"`. */
  realm?: string;
  /** Where `x-rate-limit` counts live and how principals map to plans. */
  rateLimit?: RateLimitOptions;
  /** Where idempotency records live. */
  idempotency?: IdempotencyOptions;
  /** Signs cursors with HMAC-SHA256 (recommended): a client cannot forge a position. */
  pagination?: { cursorSecret?: string | Uint8Array };
  /**
   * The string that identifies a principal in rate-limit and idempotency keys. Default: its `id`,
   * or the principal itself when it is a string or number; anonymous callers are keyed by address.
   */
  principalKey?: (principal: unknown) => string | undefined;
}

/** A handler result did not match the contract (with `validateResponses`). */
export class ResponseValidationError extends Error {
  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly details: readonly ErrorDetail[],
  ) {
    super(
      `${operationId} returned a ${status} response that does not match the contract: ` +
        details.map((detail) => `${detail.pointer || "body"} ${detail.message}`).join("; "),
    );
    this.name = "ResponseValidationError";
  }
}

type Route = OperationContract & { id: string };
type AnyHandler = (input: Record<string, unknown>) => unknown;

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const INPUT_KEYS = { path: "path", query: "query", header: "headers", cookie: "cookies" } as const;

/** The pipeline as adapters call it; `report` tells `onError` of a failure after the response left the pipeline. */
export type RequestHandler = ((request: ServerRequest) => Promise<ServerResponse | undefined>) & {
  readonly report: (error: unknown, context: ErrorContext) => void;
};

/**
 * The request pipeline, independent of any framework: request id → route (404/405) →
 * deprecation headers → auth (401/403) → rate limits (429) → parameters and body
 * (400/413/415) → idempotency (409/422) → handler → response. It never rejects: every failure
 * becomes an error response (a 500 for anything unexpected, reported to `onError`), and no header
 * leaves it that is not a valid RFC 9110 field. Resolves to `undefined` only when `fallthrough`
 * is set and no operation matches. Every missing handler or verifier is reported at once, when
 * this is called.
 */
export function createRequestHandler(
  contract: ServerContract,
  handlerObject: object,
  verifierObject: object,
  options: ServerOptions = {},
): RequestHandler {
  const handlers = handlerObject as Readonly<Record<string, unknown>>;
  const verifiers = verifierObject as Readonly<Record<string, unknown>>;
  checkComplete(contract, handlers, verifiers);
  const routes = new RouteTable<Route>(
    Object.entries(contract.operations).map(([id, operation]) => ({ ...operation, id })),
    options.basePath ?? contract.basePath,
  );
  const validators = new ContractValidators(contract.schemas);
  const format = options.errorFormat ?? contract.errorFormat;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const depthLimit = options.depthLimit ?? DEFAULT_DEPTH_LIMIT;
  const patternTimeLimit = options.patternTimeLimit ?? DEFAULT_PATTERN_TIME_LIMIT;
  const onError = safeReporter(options.onError ?? logError);
  const realm = options.realm ?? "api";
  const principalKey = options.principalKey ?? defaultPrincipalKey;
  const limiter = new RateLimiter(options.rateLimit, principalKey);
  const guard = new IdempotencyGuard(options.idempotency);
  const paginator = new Paginator(options.pagination?.cursorSecret);

  const run = async (
    request: ServerRequest,
    extraHeaders: Map<string, string>,
    requestId: string,
    matched: ReturnType<typeof routes.match>,
  ): Promise<ServerResponse> => {
    if (matched.kind === "not-found")
      throw new HttpError(404, "NOT_FOUND", "No operation matches this path.");
    if (matched.kind === "method-not-allowed") {
      throw new HttpError(
        405,
        "METHOD_NOT_ALLOWED",
        `${request.method} is not allowed here.`,
        [],
        new Map([["allow", matched.allow.join(", ")]]),
      );
    }
    const { route: operation, params } = matched;
    const report = (error: unknown) => onError(error, contextOf(request, requestId, operation.id));
    if (operation.deprecated) addDeprecationHeaders(extraHeaders, operation.sunset);
    const query = parseQuery(request.query);
    const cookies = parseCookies(headerValue(request.headers, "cookie"));
    const { principal } = await authenticate(
      operation.security,
      contract.securitySchemes,
      verifiers,
      { headers: request.headers, query, cookies, clientCertificate: request.clientCertificate },
      { operationId: operation.id, requestId },
      realm,
    );
    const limits = await limiter.apply(
      operation,
      { principal, ip: request.ip, headers: request.headers },
      report,
    );
    for (const [name, value] of limits) extraHeaders.set(name, value);
    const patternBudget = { remainingMs: patternTimeLimit };
    usePatternBudget(patternBudget);
    const values = readParameters(operation.parameters, {
      path: params,
      query,
      headers: request.headers,
      cookies,
    });
    const details = validateParameters(validators, operation, values);
    const input: Record<string, unknown> = { requestId };
    if (operation.security.length > 0) input.principal = principal;
    for (const location of ["path", "query", "header", "cookie"] as const) {
      if (operation.parameters.some((parameter) => parameter.in === location)) {
        input[INPUT_KEYS[location]] = values[location];
      }
    }
    if (operation.requestBody !== null) {
      const body = await readRequestBody(request, operation, bodyLimit);
      if (body.mediaType !== undefined && body.validatable) {
        checkDepth(body.value, depthLimit);
        const validate = validators.body(operation.id, body.mediaType);
        usePatternBudget(patternBudget);
        if (validate !== undefined && !validate(body.value))
          details.push(...toDetails(validate.errors, "body"));
      }
      input.body = body.value;
    }
    if (details.length > 0)
      throw new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", details);
    const scope = principal === undefined ? undefined : principalKey(principal);
    let page: Page | undefined;
    if (operation.pagination !== undefined) {
      const callerScope =
        operation.security.length > 0 && scope !== undefined ? `principal:${scope}` : "";
      input.page = page = paginator.page(operation.pagination, values.query, query, callerScope);
    }
    let lease: Lease | undefined;
    if (operation.idempotency !== undefined) {
      const outcome = await guard.begin(
        operation.idempotency,
        {
          target: matchedTarget(operation.id, values.path),
          key: headerValue(request.headers, operation.idempotency.header.toLowerCase()),
          scope: scope === undefined ? `ip:${request.ip ?? "unknown"}` : `principal:${scope}`,
          body: input.body,
        },
        report,
      );
      if (outcome.kind === "replay") return outcome.response;
      lease = outcome.lease;
    }
    let response: ServerResponse;
    try {
      const result = await (handlers[operation.id] as AnyHandler).call(handlers, input);
      response = toResponse(operation, result);
      if (options.validateResponses === true) {
        usePatternBudget({ remainingMs: patternTimeLimit });
        checkResponse(validators, operation, result, response.status);
      }
      if (operation.pagination !== undefined && page !== undefined && response.status < 300) {
        const link = paginator.link(
          operation.pagination,
          page,
          request.originalPath ?? request.path,
          query,
          (result as { body?: unknown }).body,
        );
        if (link !== undefined) response.headers.set("link", link);
      }
    } catch (error) {
      await lease?.abandon().catch(report);
      throw error;
    }
    await lease?.finish(response).catch(report);
    return response;
  };

  const internalError = (requestId: string) =>
    errorResponse(
      new HttpError(500, "INTERNAL_ERROR", "Something went wrong on our side."),
      requestId,
      format,
    );

  const handle = async (request: ServerRequest): Promise<ServerResponse | undefined> => {
    const requestId = requestIdFor(headerValue(request.headers, "x-request-id"));
    const extraHeaders = new Map<string, string>([["x-request-id", requestId]]);
    let operationId: string | undefined;
    let response: ServerResponse;
    try {
      const matched = routes.match(request.method, request.path);
      if (matched.kind === "not-found" && options.fallthrough === true) return undefined;
      if (matched.kind === "found") operationId = matched.route.id;
      response = await run(request, extraHeaders, requestId, matched);
    } catch (error) {
      if (!(error instanceof HttpError)) onError(error, contextOf(request, requestId, operationId));
      response =
        error instanceof HttpError
          ? errorResponse(error, requestId, format)
          : internalError(requestId);
    }
    for (const [name, value] of extraHeaders) response.headers.set(name, value);
    const problem = invalidHeader(response.headers);
    if (problem !== undefined) {
      onError(
        new TypeError(`the response has a header that cannot be sent: ${problem}`),
        contextOf(request, requestId, operationId),
      );
      response = internalError(requestId);
      response.headers.set("x-request-id", requestId);
    }
    return response;
  };

  return Object.assign(handle, { report: onError });
}

function contextOf(
  request: ServerRequest,
  requestId: string,
  operationId: string | undefined,
): ErrorContext {
  return { requestId, operationId, method: request.method, path: request.path };
}

/**
 * What an idempotency record is keyed on besides the key: the operation the router matched and
 * its decoded, typed path parameters (in name order), never the path as spelled.
 */
function matchedTarget(operationId: string, path: Record<string, unknown>): string {
  const params = Object.keys(path)
    .sort()
    .map((name) => [name, path[name]]);
  return `${operationId}\n${JSON.stringify(params)}`;
}

/** `onError` that can never throw into the pipeline: its own failure is logged beside the error. */
function safeReporter(
  onError: NonNullable<ServerOptions["onError"]>,
): NonNullable<ServerOptions["onError"]> {
  return (error, context) => {
    try {
      onError(error, context);
    } catch (failure) {
      logError(error, context);
      console.error(`[${context.requestId}] onError itself threw:`, failure);
    }
  };
}

function validateParameters(
  validators: ContractValidators,
  operation: Route,
  values: ParameterValues,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const validate = validators.parameters(operation.id, location);
    if (validate !== undefined && !validate(values[location])) {
      details.push(...toDetails(validate.errors, location as ErrorLocation));
    }
  }
  return details;
}

async function readRequestBody(
  request: ServerRequest,
  operation: Route,
  limit: number,
): Promise<{ mediaType: string | undefined; value: unknown; validatable: boolean }> {
  const declared = operation.requestBody?.contentTypes ?? [];
  const length = headerValue(request.headers, "content-length");
  const chunked = headerValue(request.headers, "transfer-encoding") !== undefined;
  const hasBody =
    request.parsedBody !== undefined || chunked || (length !== undefined && length !== "0");
  const contentType = headerValue(request.headers, "content-type");
  if (!hasBody) {
    if (operation.requestBody?.required === true) {
      const detail: ErrorDetail = {
        location: "body",
        pointer: "",
        field: "body",
        code: "required",
        message: "is required",
      };
      throw new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", [detail]);
    }
    return { mediaType: undefined, value: undefined, validatable: false };
  }
  const mediaType = matchMediaType(contentType, declared);
  if (contentType === undefined || mediaType === undefined) {
    throw new HttpError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `The request body must be sent as ${declared.join(" or ")}.`,
      [],
      new Map([["accept", declared.join(", ")]]),
    );
  }
  if (request.parsedBody !== undefined)
    return { mediaType, value: request.parsedBody.value, validatable: true };
  const bytes = await readBody(request.body, limit, length);
  if (bytes.byteLength === 0 && operation.requestBody?.required !== true) {
    return { mediaType: undefined, value: undefined, validatable: false };
  }
  return parseBody(bytes, contentType, mediaType);
}

function checkResponse(
  validators: ContractValidators,
  operation: Route,
  result: unknown,
  status: number,
): void {
  const key = responseKey(operation, status);
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
  const validate =
    body === undefined
      ? undefined
      : validators.response(operation.id, key, responseMediaType(operation, key));
  if (validate !== undefined && !validate(body)) {
    throw new ResponseValidationError(operation.id, status, toDetails(validate.errors, "body"));
  }
}

/** `Deprecation` (RFC 9745: deprecated as of an unstated past date) and `Sunset` (RFC 8594). */
function addDeprecationHeaders(headers: Map<string, string>, sunset: string | undefined): void {
  headers.set("deprecation", "@0");
  if (sunset !== undefined) {
    const date = new Date(sunset);
    if (!Number.isNaN(date.getTime())) headers.set("sunset", date.toUTCString());
  }
}

function checkComplete(
  contract: ServerContract,
  handlers: Readonly<Record<string, unknown>>,
  verifiers: Readonly<Record<string, unknown>>,
): void {
  const problems: string[] = [];
  const missing = Object.keys(contract.operations).filter(
    (id) => typeof handlers[id] !== "function",
  );
  if (missing.length > 0) problems.push(`no handler for ${missing.join(", ")}`);
  const used = new Set(
    Object.values(contract.operations).flatMap((op) =>
      op.security.flatMap((req) => req.map((e) => e.scheme)),
    ),
  );
  const unverified = [...used]
    .sort()
    .filter(
      (scheme) => !Object.hasOwn(verifiers, scheme) || typeof verifiers[scheme] !== "function",
    );
  if (unverified.length > 0)
    problems.push(`no verifier in options.auth for ${unverified.join(", ")}`);
  if (problems.length > 0) throw new Error(`createRouter: ${problems.join("; ")}`);
}

function logError(error: unknown, context: ErrorContext): void {
  console.error(
    `[${context.requestId}] ${context.method} ${context.path} (${context.operationId ?? "no operation"}) failed:`,
    error,
  );
}

function defaultPrincipalKey(principal: unknown): string | undefined {
  if (typeof principal === "string" || typeof principal === "number") return String(principal);
  if (typeof principal === "object" && principal !== null && Object.hasOwn(principal, "id")) {
    return String((principal as { id: unknown }).id);
  }
  return undefined;
}
