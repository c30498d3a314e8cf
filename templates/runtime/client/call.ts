import type { OperationContract, SecuritySchemeContract } from "../contract.js";
import { expandPath } from "../path.js";
import { applyAuth } from "./auth.js";
import { ApiPromise } from "./api-promise.js";
import { nextPage, itemsOf, PagePromise } from "./pagination.js";
import { serializeQuery } from "./query.js";
import { send, type ApiResponse, type ClientConfig, type RequestOptions } from "./request.js";

/** The settings every generated method shares. */
export interface ClientContext {
  config: ClientConfig;
  schemes: Readonly<Record<string, SecuritySchemeContract>>;
  credentials: Readonly<Record<string, unknown>> | undefined;
}

/** A call's parameters, grouped by location as the contract declares them. */
export interface CallParams {
  path?: Readonly<Record<string, unknown>>;
  query?: Readonly<Record<string, unknown>>;
  headers?: Readonly<Record<string, unknown>>;
  cookies?: Readonly<Record<string, unknown>>;
  body?: unknown;
}

export { ApiPromise };

/** One operation call. */
export function call<T>(
  context: ClientContext,
  operation: OperationContract,
  params: CallParams = {},
  options: RequestOptions = {},
): ApiPromise<T> {
  return new ApiPromise(request<T>(context, operation, params, options));
}

/** A paginated operation: the first page on `await`, every item with `for await`, `.pages()` page by page. */
export function paginate<Body, Item>(
  context: ClientContext,
  operation: OperationContract,
  params: CallParams = {},
  options: RequestOptions = {},
): PagePromise<Body, Item> {
  const contract = operation.pagination;
  if (contract === undefined) throw new TypeError(`${operation.path} is not paginated`);
  let query: Readonly<Record<string, unknown>> = params.query ?? {};
  return new PagePromise<Body, Item>(request<Body>(context, operation, params, options), {
    fetchNext: (next) => {
      if ("url" in next) return request<Body>(context, operation, params, options, next.url);
      query = next.query;
      return request<Body>(context, operation, { ...params, query }, options);
    },
    items: (body) => itemsOf(contract, body) as Item[],
    next: (page) => nextPage(contract, query, page),
  });
}

async function request<T>(
  context: ClientContext,
  operation: OperationContract,
  params: CallParams,
  options: RequestOptions,
  linkTarget?: string,
): Promise<ApiResponse<T>> {
  const auth = await applyAuth(operation.security, context.schemes, context.credentials);
  const headers: Record<string, string> = { ...auth.headers };
  for (const [name, value] of Object.entries(params.headers ?? {}))
    if (value !== undefined && value !== null) headers[name] = String(value);
  const cookies = [
    ...auth.cookies,
    ...Object.entries(params.cookies ?? {})
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [name, String(value)] as const),
  ];
  if (cookies.length > 0)
    headers.cookie = cookies
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join("; ");
  const authQuery = auth.query
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
  let path: string;
  let query: string;
  if (linkTarget !== undefined) {
    // A server-provided next link: its path and query, sent to the same base URL.
    const target = new URL(linkTarget, "http://link.invalid");
    path = basePathless(context.config.baseUrl, target.pathname);
    query = [target.search.slice(1), authQuery].filter(Boolean).join("&");
  } else {
    path = expandPath(operation.path, params.path ?? {});
    query = [serializeQuery(operation.parameters, params.query), authQuery]
      .filter(Boolean)
      .join("&");
  }
  return send<T>(
    context.config,
    {
      method: operation.method,
      path,
      query,
      headers,
      ...(params.body === undefined
        ? {}
        : { body: params.body, contentTypes: operation.requestBody?.contentTypes ?? [] }),
      ...(operation.idempotency === undefined
        ? {}
        : { idempotencyHeader: operation.idempotency.header }),
    },
    options,
  );
}

/** A Link target carries the full path; the base URL already ends with the server's base path. */
function basePathless(baseUrl: string, pathname: string): string {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).pathname.replace(/\/$/, "");
  return base !== "" && pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
}
