import type { OperationContract, SecuritySchemeContract } from "../contract.js";
import type { Sha256 } from "../idempotency/fingerprint.js";
import type { ErrorFormat } from "./errors.js";
import type { DocsRoutes, IncomingHeaders } from "./http.js";
import type { IdempotencyOptions } from "./idempotency.js";
import type { BoundedPatternTest } from "./patterns.js";
import type { RateLimitOptions } from "./rate-limiting.js";
import type { ErrorContext } from "./report.js";
import type { ContractSchemas } from "./validation.js";

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
  /**
   * Overrides the contract's base path (`""` serves operations at their bare paths). Under a mount
   * point it is what follows that point on Express (`app.use("/api", …)`, as for Express routers),
   * and the whole path on Fastify (a `prefix`) and Hono (`app.route("/api", …)`).
   */
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
    readonly ip?: string | undefined;
  }) => string | undefined;
}
