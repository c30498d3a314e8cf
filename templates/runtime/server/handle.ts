import type { OperationContract, SecuritySchemeContract } from "../contract.js";
import { authenticate } from "./auth.js";
import { checkComplete } from "./complete.js";
import { callHandler } from "./call.js";
import { canonicalIp, defaultPrincipalKey } from "./caller.js";
import { DEFAULT_DEPTH_LIMIT } from "./depth.js";
import { errorResponse, HttpError, type ErrorFormat } from "./errors.js";
import {
  headerValue,
  type DocsRoutes,
  type IncomingHeaders,
  type ServerRequest,
  type ServerResponse,
} from "./http.js";
import type { Sha256 } from "../idempotency/fingerprint.js";
import { IdempotencyGuard, type IdempotencyOptions, type Lease } from "./idempotency.js";
import { readInput, type InputLimits } from "./input.js";
import { parseCookies, parseQuery, type QueryPairs } from "./parameters.js";
import { DEFAULT_PATTERN_TIME_LIMIT, type BoundedPatternTest } from "./patterns.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limiting.js";
import { logError, safeReporter, type ErrorContext } from "./report.js";
import { requestIdFor } from "./request-id.js";
import { invalidHeader } from "./respond.js";
import { toRoute, type Route } from "./route.js";
import { RouteTable, type RouteMatch } from "./routes.js";
import { ContractValidators, type ContractSchemas } from "./validation.js";
import { Paginator, type Page } from "./pagination.js";

export { ResponseValidationError } from "./call.js";
export type { ErrorContext } from "./report.js";

/** The contract as the generated code hands it to the runtime. */
export interface ServerContract {
  readonly operations: Readonly<Record<string, OperationContract>>;
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeContract>>;
  readonly schemas: ContractSchemas;
  /** The path of the first server URL (`/v1`), or `""`. */
  readonly basePath: string;
  /** The error format the contract's own error responses use. */
  readonly errorFormat: ErrorFormat;
  /**
   * Runs the patterns RE2 cannot (look-around, back-references) within `patternTimeLimit`. Node
   * adapters pass `vmPatternTest`; Web runtimes cannot stop a match, so they have none.
   */
  readonly boundedPatterns?: BoundedPatternTest;
  /**
   * A native synchronous SHA-256 for idempotency fingerprints and record keys. Node adapters pass
   * `nodeSha256`; elsewhere Web Crypto hashes (asynchronously, off the event loop).
   */
  readonly sha256?: Sha256;
  /** `GET /openapi.json` and `GET /docs/`, in an output generated with `--docs`. */
  readonly docs?: DocsRoutes;
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
  /**
   * Serve the contract at `GET /openapi.json` and its reference page at `GET /docs/` (Swagger UI,
   * from the `swagger-ui-dist` package). Needs an output generated with `--docs`. Default off.
   */
  docs?: boolean;
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
  /**
   * The client's address, for anonymous rate limits and idempotency scopes, e.g. from the header
   * your proxy sets. Default (or when this returns `undefined`): what the adapter knows (Express
   * `req.ip` and Fastify `request.ip` under their trust-proxy settings, the socket's address on
   * Node `http` and `@hono/node-server`; nothing elsewhere).
   */
  clientIp?: (request: {
    readonly headers: IncomingHeaders;
    readonly ip?: string;
  }) => string | undefined;
}

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
  readonly #validators: ContractValidators;
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
    this.#options = options;
    this.#routes = new RouteTable<Route>(
      Object.entries(contract.operations).map(([id, operation]) => toRoute(id, operation)),
      options.basePath ?? contract.basePath,
    );
    this.#validators = new ContractValidators(contract.schemas, contract.boundedPatterns);
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
  }

  async handle(request: ServerRequest): Promise<ServerResponse | undefined> {
    const requestId = requestIdFor(headerValue(request.headers, "x-request-id"));
    const flight: InFlight = {
      request,
      requestId,
      headers: new Map([["x-request-id", requestId]]),
      operationId: undefined,
    };
    let response: ServerResponse;
    try {
      flight.request = this.#withClientIp(request);
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

  #withClientIp(request: ServerRequest): ServerRequest {
    const ip = this.#options.clientIp?.(request) ?? request.ip;
    if (ip === undefined) return request;
    const spelled = canonicalIp(ip);
    return spelled === request.ip ? request : { ...request, ip: spelled };
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
    const cookies = parseCookies(headerValue(request.headers, "cookie"));
    const { principal } = await authenticate(
      operation.security,
      this.#contract.securitySchemes,
      this.#verifiers,
      { headers: request.headers, query, cookies, clientCertificate: request.clientCertificate },
      { operationId: operation.id, requestId: flight.requestId },
      this.#options.realm ?? "api",
    );
    if (operation.rateLimits.length > 0) {
      const limits = await this.#limiter.apply(
        operation,
        { principal, ip: request.ip, headers: request.headers },
        report,
      );
      for (const [name, value] of limits) flight.headers.set(name, value);
    }
    const { input, values } = await readInput(
      operation,
      request,
      { params, query, cookies },
      this.#validators,
      this.#limits,
    );
    input["requestId"] = flight.requestId;
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
          scope: scope === undefined ? `ip:${request.ip ?? "unknown"}` : `principal:${scope}`,
          body: input["body"],
        },
        report,
      );
      if (outcome.kind === "replay") return outcome.response;
      lease = outcome.lease;
    }
    return this.#respond(flight, operation, { input, page, lease, query }, report);
  }

  /** Handle and respond: the handler's result as a response, with its `Link`; the lease stored or given up. */
  async #respond(
    flight: InFlight,
    operation: Route,
    { input, page, lease, query }: Prepared,
    report: (error: unknown) => void,
  ): Promise<ServerResponse> {
    let response: ServerResponse;
    try {
      const called = await callHandler(this.#handlers, operation, input, {
        validators: this.#validators,
        validateResponses: this.#options.validateResponses === true,
        patternTimeLimit: this.#limits.patternTimeLimit,
      });
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
    } catch (error) {
      await lease?.abandon().catch(report);
      throw error;
    }
    await lease?.finish(response).catch(report);
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

/** `Deprecation` (RFC 9745: deprecated as of an unstated past date) and `Sunset` (RFC 8594). */
function addDeprecationHeaders(headers: Map<string, string>, sunset: string | undefined): void {
  headers.set("deprecation", "@0");
  if (sunset !== undefined) {
    const date = new Date(sunset);
    if (!Number.isNaN(date.getTime())) headers.set("sunset", date.toUTCString());
  }
}
