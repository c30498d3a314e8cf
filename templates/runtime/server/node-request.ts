import type { IncomingMessage, ServerResponse as NodeResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { RequestHandler } from "./handle.js";
import {
  originForm,
  type IncomingHeaders,
  type ServerRequest,
  type ServerResponse,
} from "./http.js";

/** What a framework knows of a Node request beyond the request itself. */
export interface NodeRequestFacts {
  /**
   * The client's address as the framework's trust-proxy setting resolves it. Asked for only when a
   * step keys by it (a rate limit, an idempotency scope, `clientIp`), at most once per request:
   * Express works it out from `X-Forwarded-For` on every read of `req.ip`.
   */
  ip: () => string | undefined;
  /** A body an earlier parser already consumed. */
  parsedBody?: { readonly value: unknown };
  /** The path the framework mounted the pipeline under while passing it the whole path (Fastify's `prefix`). */
  mountPath?: string;
}

/** A Node request as the pipeline sees it: path and query split, the body left unread. */
export function fromIncomingMessage(req: IncomingMessage, facts: NodeRequestFacts): ServerRequest {
  return new NodeServerRequest(req, facts);
}

class NodeServerRequest implements ServerRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHeaders;
  readonly body: IncomingMessage;
  readonly originalPath: string | undefined;
  readonly mountPath: string | undefined;
  readonly parsedBody: { readonly value: unknown } | undefined;
  readonly clientCertificate: unknown;
  readonly #address: () => string | undefined;
  /** The address once asked for; `null` until then. */
  #ip: string | undefined | null = null;

  constructor(req: IncomingMessage, facts: NodeRequestFacts) {
    const url = originForm(req.url ?? "/");
    const queryAt = url.indexOf("?");
    this.method = req.method ?? "GET";
    this.path = queryAt < 0 ? url : url.slice(0, queryAt);
    this.query = queryAt < 0 ? "" : url.slice(queryAt + 1);
    this.headers = req.headers;
    this.body = req;
    this.originalPath = originalPathOf(req);
    this.mountPath = facts.mountPath;
    this.parsedBody = facts.parsedBody;
    const socket = req.socket as Partial<TLSSocket>;
    this.clientCertificate =
      socket.authorized === true && typeof socket.getPeerCertificate === "function"
        ? socket.getPeerCertificate()
        : undefined;
    this.#address = facts.ip;
  }

  get ip(): string | undefined {
    if (this.#ip === null) this.#ip = this.#address();
    return this.#ip;
  }
}

/**
 * The path the client sent, before a mount point was stripped from `req.url` or the URL was
 * rewritten (Express and Connect keep the target as it came in `req.originalUrl`): the path links
 * to further pages are built on.
 */
function originalPathOf(req: IncomingMessage): string | undefined {
  const original = (req as { originalUrl?: unknown }).originalUrl;
  if (typeof original !== "string") return undefined;
  const target = originForm(original);
  const queryAt = target.indexOf("?");
  return queryAt < 0 ? target : target.slice(0, queryAt);
}

/**
 * Runs the pipeline and writes its response. A response that fails while being sent is reported to
 * `onError` and ends as a bare 500, or as a closed connection when its status line has already gone
 * out; it never escapes as an unhandled rejection. `unmatched` runs when the pipeline passes
 * (`fallthrough`).
 */
export function serveNode(
  handle: RequestHandler,
  request: ServerRequest,
  res: NodeResponse,
  unmatched: () => void,
): void {
  void handle(request).then((response) => {
    if (response === undefined) {
      unmatched();
      return;
    }
    try {
      writeResponse(res, response);
    } catch (error) {
      const requestId = response.headers.get("x-request-id") ?? "";
      handle.report(error, {
        requestId,
        operationId: undefined,
        method: request.method,
        path: request.path,
      });
      failed(res, requestId);
    }
  });
}

function writeResponse(res: NodeResponse, response: ServerResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body === undefined) res.end();
  else res.end(response.body);
}

/** After a failed send: a bare 500 (with the request id) while nothing has gone out, else the connection is closed. */
function failed(res: NodeResponse, requestId: string): void {
  try {
    if (!res.headersSent) {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 500;
      if (requestId !== "") res.setHeader("x-request-id", requestId);
      res.end();
      return;
    }
  } catch {
    // The connection is closed below.
  }
  res.destroy();
}
