import { authenticate } from "./auth.js";
import { checkComplete } from "./complete.js";
import { cachedRead, readPrecondition } from "./conditional.js";
import { callHandler } from "./call.js";
import type { ServerContract, ServerOptions } from "./options.js";
import { canonicalIp, defaultPrincipalKey } from "./caller.js";
import { DEFAULT_DEPTH_LIMIT } from "./depth.js";
import { errorResponse, HttpError, type ErrorFormat } from "./errors.js";
import { headerValue, type DocsRoutes, type ServerRequest, type ServerResponse } from "./http.js";
import { addDeprecationHeaders } from "./deprecation.js";
import { IdempotencyGuard, matchedTarget, type Lease } from "./idempotency.js";
import { readInput, type InputLimits } from "./input.js";
import { parseCookies, parseQuery, type QueryPairs } from "./parameters.js";
import { DEFAULT_PATTERN_TIME_LIMIT } from "./patterns.js";
import { RateLimiter } from "./rate-limiting.js";
import { logError, safeReporter, type ErrorContext } from "./report.js";
import { requestIdFor } from "./request-id.js";
import { isThenable } from "./thenable.js";
import { invalidHeader } from "./respond.js";
import { toRoutes, type Route } from "./route.js";
import { RouteTable, type RouteMatch } from "./routes.js";
import { readConventions } from "./conventions.js";
import type { Selection } from "./fields.js";
import { ContractValidators } from "./validation.js";
import { warmUp } from "./warm-up.js";
import { Paginator, type Page } from "./pagination.js";
import { prebuildValidators } from "./prebuild.js";

/** The cookies of a request to an operation that reads none: its `Cookie` header is left unparsed. */
const NO_COOKIES: ReadonlyMap<string, string> = new Map();

export { ResponseValidationError } from "./call.js";
export type { ServerContract, ServerOptions } from "./options.js";
export type { ErrorContext } from "./report.js";

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The pipeline as adapters call it; `report` tells `onError` of a failure after the response left the pipeline. */
export type RequestHandler = ((request: ServerRequest) => Promise<ServerResponse | undefined>) & {
  readonly report: (error: unknown, context: ErrorContext) => void;
};

/**
 * The request pipeline, independent of any framework. It never rejects: every failure becomes an
 * error response (a 500 for anything unexpected, reported to `onError`), and no header leaves it
 * that is not a valid RFC 9110 field. Resolves to `undefined` only when `fallthrough` is set and no
 * operation matches. Every missing handler or verifier is reported at once, when this is called.
 */
export function createPipeline(
  contract: ServerContract,
  handlerObject: object,
  verifierObject: object,
  options: ServerOptions = {},
): RequestHandler {
  const pipeline = new RequestPipeline(contract, handlerObject, verifierObject, options);
  return Object.assign((request: ServerRequest) => pipeline.handle(request), {
    report: pipeline.report,
  });
}

/** One request on its way through the steps. */
interface InFlight {
  request: ServerRequest;
  requestId: string;
  /** Headers every response to it carries (request id, deprecation, rate limits). */
  headers: Map<string, string>;
  operationId: string | undefined;
}

/** What the steps before the handler prepared for it. */
interface Prepared {
  input: Record<string, unknown>;
  page: Page | undefined;
  lease: Lease | undefined;
  query: QueryPairs;
  /** What `x-fields` keeps of the success body, when the request selects fields. */
  selection: Selection | undefined;
}

/**
 * The steps, in order: route (404/405) → deprecation headers → authenticate (401/403) → limit
 * (429) → parse and validate (400/413/415) → paginate → idempotency (409/422, or a replay) →
 * handle → respond (the `Link` header, the lease stored) → seal (headers checked).
 */
class RequestPipeline {
  readonly report: (error: unknown, context: ErrorContext) => void;
  readonly #contract: ServerContract;
  readonly #handlers: Readonly<Record<string, unknown>>;
  readonly #verifiers: Readonly<Record<string, unknown>>;
  readonly #options: ServerOptions;
  readonly #routes: RouteTable<Route>;
  readonly #format: ErrorFormat;
  readonly #limits: InputLimits;
  readonly #principalKey: (principal: unknown) => string | undefined;
  readonly #limiter: RateLimiter;
  readonly #guard: IdempotencyGuard;
  readonly #paginator: Paginator;
  readonly #docs: DocsRoutes | undefined;

  constructor(
    contract: ServerContract,
    handlers: object,
    verifiers: object,
    options: ServerOptions,
  ) {
    this.#contract = contract;
    this.#handlers = handlers as Readonly<Record<string, unknown>>;
    this.#verifiers = verifiers as Readonly<Record<string, unknown>>;
    checkComplete(contract.operations, this.#handlers, this.#verifiers);
    void warmUp(createPipeline);
    this.#options = options;
    const validators = new ContractValidators(contract.schemas, contract.boundedPatterns);
    const routes = toRoutes(contract.operations, contract.securitySchemes, validators);
    this.#routes = new RouteTable<Route>(routes, options.basePath ?? contract.basePath);
    this.#format = options.errorFormat ?? contract.errorFormat;
    this.#limits = {
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      depthLimit: options.depthLimit ?? DEFAULT_DEPTH_LIMIT,
      patternTimeLimit: options.patternTimeLimit ?? DEFAULT_PATTERN_TIME_LIMIT,
    };
    this.report = safeReporter(options.onError ?? logError);
    this.#principalKey = options.principalKey ?? defaultPrincipalKey;
    this.#limiter = new RateLimiter(options.rateLimit, this.#principalKey);
    this.#guard = new IdempotencyGuard(options.idempotency, contract.sha256);
    this.#paginator = new Paginator(options.pagination?.cursorSecret, contract.sha256);
    if (options.docs === true && contract.docs === undefined)
      throw new TypeError("docs: true needs an output generated with --docs");
    this.#docs = options.docs === true ? contract.docs : undefined;
    void prebuildValidators(routes, options.validateResponses === true);
  }

  async handle(request: ServerRequest): Promise<ServerResponse | undefined> {
    const requestId = requestIdFor(headerValue(request.headers, "x-request-id"));
    const flight: InFlight = {
      request,
      requestId,
      headers: new Map<string, string>().set("x-request-id", requestId),
      operationId: undefined,
    };
    let response: ServerResponse;
    try {
      const page = this.#docs?.(request);
      if (page !== undefined) return this.#seal(flight, page);
      const matched = this.#routes.match(request.method, request.path);
      if (matched.kind === "not-found" && this.#options.fallthrough === true) return undefined;
      response = await this.#run(flight, this.#route(matched, request.method));
    } catch (error) {
      if (!(error instanceof HttpError)) this.report(error, contextOf(flight));
      response =
        error instanceof HttpError
          ? errorResponse(error, requestId, this.#format)
          : this.#internalError(requestId);
    }
    return this.#seal(flight, response);
  }

  /**
   * The client's address, in one spelling: worked out only for an operation whose rate limits or
   * idempotency scope may key by it (an adapter may find it costly, e.g. Express from
   * `X-Forwarded-For`).
   */
  #clientIp(request: ServerRequest): string | undefined {
    const ip = this.#options.clientIp?.(request) ?? request.ip;
    return ip === undefined ? undefined : canonicalIp(ip);
  }

  /** Route: the operation and its path parameters, or a 404 or 405 (with `Allow`). */
  #route(
    matched: RouteMatch<Route>,
    method: string,
  ): { operation: Route; params: Map<string, string> } {
    if (matched.kind === "not-found")
      throw new HttpError(404, "NOT_FOUND", "No operation matches this path.");
    if (matched.kind === "method-not-allowed") {
      throw new HttpError(
        405,
        "METHOD_NOT_ALLOWED",
        `${method} is not allowed here.`,
        [],
        new Map([["allow", matched.allow.join(", ")]]),
      );
    }
    return { operation: matched.route, params: matched.params };
  }

  async #run(
    flight: InFlight,
    { operation, params }: { operation: Route; params: Map<string, string> },
  ): Promise<ServerResponse> {
    const { request } = flight;
    flight.operationId = operation.id;
    const report = (error: unknown) => this.report(error, contextOf(flight));
    if (operation.deprecated) addDeprecationHeaders(flight.headers, operation.sunset);
    const query = parseQuery(request.query);
    const cookies = operation.readsCookies
      ? parseCookies(headerValue(request.headers, "cookie"))
      : NO_COOKIES;
    const { principal } = await authenticate(
      operation,
      this.#contract.securitySchemes,
      this.#verifiers,
      { headers: request.headers, query, cookies, clientCertificate: request.clientCertificate },
      { operationId: operation.id, requestId: flight.requestId },
      this.#options.realm ?? "api",
    );
    const ip =
      operation.rateLimits.length > 0 || operation.idempotency !== undefined
        ? this.#clientIp(request)
        : undefined;
    if (operation.rateLimits.length > 0) {
      const limits = await this.#limiter.apply(
        operation,
        { principal, ip, headers: request.headers },
        report,
      );
      for (const [name, value] of limits) flight.headers.set(name, value);
    }
    // Each step that may answer at once is awaited only when it did not: an operation without a
    // body, and a handler that returns its result, cost no promise.
    const read = readInput(operation, request, { params, query, cookies }, this.#limits);
    const { input, values } = isThenable(read) ? await read : read;
    input["requestId"] = flight.requestId;
    const selection = readConventions(operation, query, input);
    if (operation.cache?.precondition !== undefined)
      input["precondition"] = readPrecondition(
        request.headers,
        operation.cache.precondition === "required",
      );
    if (operation.security.length > 0) input["principal"] = principal;
    const scope = principal === undefined ? undefined : this.#principalKey(principal);
    let page: Page | undefined;
    if (operation.pagination !== undefined) {
      const callerScope =
        operation.security.length > 0 && scope !== undefined ? `principal:${scope}` : "";
      input["page"] = page = this.#paginator.page(
        operation.pagination,
        values.query,
        query,
        callerScope,
      );
    }
    let lease: Lease | undefined;
    if (operation.idempotency !== undefined) {
      const outcome = await this.#guard.begin(
        operation.idempotency,
        {
          target: matchedTarget(operation.id, values.path),
          key: headerValue(request.headers, operation.idempotency.header.toLowerCase()),
          scope: scope === undefined ? `ip:${ip ?? "unknown"}` : `principal:${scope}`,
          body: input["body"],
        },
        report,
      );
      if (outcome.kind === "replay") return outcome.response;
      lease = outcome.lease;
    }
    // Awaited here, not returned: a promise returned from an async function costs two more turns.
    return await this.#respond(flight, operation, { input, page, lease, query, selection }, report);
  }

  /** Handle and respond: the handler's result as a response, with its `Link`; the lease stored or given up. */
  async #respond(
    flight: InFlight,
    operation: Route,
    { input, page, lease, query, selection }: Prepared,
    report: (error: unknown) => void,
  ): Promise<ServerResponse> {
    let response: ServerResponse;
    try {
      const call = callHandler(this.#handlers, operation, input, {
        validateResponses: this.#options.validateResponses === true,
        patternTimeLimit: this.#limits.patternTimeLimit,
        selection,
      });
      const called = isThenable(call) ? await call : call;
      response = called.response;
      if (operation.pagination !== undefined && page !== undefined && response.status < 300) {
        const link = this.#paginator.link(
          operation.pagination,
          page,
          flight.request.originalPath ?? flight.request.path,
          query,
          called.body,
        );
        if (link !== undefined) response.headers.set("link", link);
      }
      if (
        operation.cache !== undefined &&
        (operation.method === "GET" || operation.method === "HEAD")
      )
        response = cachedRead(
          operation.cache,
          flight.request.headers,
          response,
          called.etag,
          this.#contract.sha256,
        );
    } catch (error) {
      if (lease !== undefined) await lease.abandon().catch(report);
      throw error;
    }
    if (lease !== undefined) await lease.finish(response).catch(report);
    return response;
  }

  /** Seal: the request's own headers added, and a response with a header HTTP cannot carry replaced by a 500. */
  #seal(flight: InFlight, response: ServerResponse): ServerResponse {
    for (const [name, value] of flight.headers) response.headers.set(name, value);
    const problem = invalidHeader(response.headers);
    if (problem === undefined) return response;
    this.report(
      new TypeError(`the response has a header that cannot be sent: ${problem}`),
      contextOf(flight),
    );
    const failed = this.#internalError(flight.requestId);
    failed.headers.set("x-request-id", flight.requestId);
    return failed;
  }

  #internalError(requestId: string): ServerResponse {
    return errorResponse(
      new HttpError(500, "INTERNAL_ERROR", "Something went wrong on our side."),
      requestId,
      this.#format,
    );
  }
}

function contextOf(flight: InFlight): ErrorContext {
  const { request, requestId, operationId } = flight;
  return { requestId, operationId, method: request.method, path: request.path };
}
