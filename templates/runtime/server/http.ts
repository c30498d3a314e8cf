/**
 * The framework-neutral shape of a request and a response. Adapters (Express today) translate
 * to and from these; everything between them knows nothing of the framework.
 */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ServerRequest {
  readonly method: string;
  /** The path as sent (origin form, still percent-encoded), without the query string. */
  readonly path: string;
  /**
   * The path before a mount point was stripped or the URL rewritten, when the framework keeps it:
   * links the client can follow are built on it.
   */
  readonly originalPath?: string | undefined;
  /**
   * The path the framework mounted the pipeline under while passing it the whole path (a Fastify
   * `prefix`), in the framework's spelling (it may have parameters: `/:tenant`). The contract's
   * operations are routed on `path` whole; the pipeline's own routes (`/openapi.json`, `/docs/`)
   * are served below this path, as they are below an Express mount point.
   */
  readonly mountPath?: string | undefined;
  /** The raw query string, without the leading `?`. */
  readonly query: string;
  /** Header names in lower case, as Node gives them. */
  readonly headers: IncomingHeaders;
  /** The body, read lazily and only when the operation takes one. */
  readonly body: AsyncIterable<Uint8Array>;
  /**
   * Whether a body was sent, when the platform says so (a Web `Request`, which may carry neither
   * `Content-Length` nor `Transfer-Encoding`); otherwise those two headers decide.
   */
  readonly hasBody?: boolean;
  /** A body some earlier middleware already parsed (e.g. `express.json()`), when there is one. */
  readonly parsedBody?: { readonly value: unknown } | undefined;
  /** The client's address (behind proxies, as the framework's trust-proxy setting resolves it). */
  readonly ip?: string | undefined;
  /** The peer's TLS certificate, when the connection is TLS and the certificate was verified. */
  readonly clientCertificate?: unknown;
}

export interface ServerResponse {
  status: number;
  /** Lower-case header names. */
  headers: Map<string, string>;
  body: string | Uint8Array | undefined;
}

/** Routes a server answers besides the contract's operations (`GET /openapi.json`, `GET /docs/`): a response, or undefined to pass. */
export type DocsRoutes = (request: ServerRequest) => ServerResponse | undefined;

/** The first value of a header that may have been sent more than once. */
export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : value?.[0];
}

/**
 * A request target in origin form (`/path?query`). HTTP/1.1 servers must accept the absolute form
 * too (`GET http://host/path`, RFC 9112 §3.2.2), which proxies send and Node passes on as it came:
 * its scheme and authority go, and a target with no path is `/`. Any other form (`*`, `host:port`)
 * is returned as it is, and matches no operation; so is an authority with user info, which RFC 9110
 * §4.2.4 says to treat as an error (it serves to disguise the host).
 */
export function originForm(target: string): string {
  if (target.startsWith("/")) return target;
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (authority === null || authority[0].includes("@")) return target;
  const rest = target.slice(authority[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}
