import type { OperationContract, SecuritySchemeContract } from "../contract.js";
import { expandPath } from "../path.js";
import { applyAuth } from "./auth.js";
import { ApiPromise } from "./api-promise.js";
import { nextPage, itemsOf, PagePromise } from "./pagination.js";
import { cookieParameters, headerParameters, serializeQuery } from "./parameters.js";
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
  // With no limit sent, the server's default page size is what the first page holds.
  let pageSize: number | undefined;
  return new PagePromise<Body, Item>(request<Body>(context, operation, params, options), {
    fetchNext: (next) => {
      if ("url" in next) {
        // Where a followed link stands (its position and limit) is where the walk goes on from.
        const target = new URL(next.url, "http://link.invalid").searchParams;
        const moved: Record<string, unknown> = { ...query };
        for (const name of [contract.positionParam, contract.limitParam])
          if (target.has(name)) moved[name] = target.get(name);
        query = moved;
        return request<Body>(context, operation, params, options, next.url);
      }
      query = next.query;
      return request<Body>(context, operation, { ...params, query }, options);
    },
    items: (body) => itemsOf(contract, body) as Item[],
    next: (page) => {
      if (query[contract.limitParam] === undefined)
        pageSize ??= itemsOf(contract, page.data).length;
      return nextPage(contract, query, page, pageSize);
    },
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
  // Auth first, header parameters after: a parameter the contract declares wins.
  const headers: Array<[string, string]> = [
    ...Object.entries(auth.headers),
    ...headerParameters(operation.parameters, params.headers),
  ];
  const cookies = [...auth.cookies, ...cookieParameters(operation.parameters, params.cookies)];
  if (cookies.length > 0)
    headers.push([
      "cookie",
      cookies.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; "),
    ]);
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
    path = expandPath(operation.path, params.path ?? {}, operation.parameters);
    query = [serializeQuery(operation.parameters, keysJoined(operation, params.query)), authQuery]
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
      accept: acceptable(operation),
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

/**
 * The query with the lists of keys of `x-sort`, `x-fields` and `x-expand` as the server reads
 * them: an empty list left out, and a list for a text parameter written as one comma list (a
 * list parameter is written by its own style).
 */
function keysJoined(
  operation: OperationContract,
  query: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> | undefined {
  let joined = query;
  for (const param of [operation.sort?.param, operation.fields?.param, operation.expand?.param]) {
    const keys = param === undefined ? undefined : joined?.[param];
    if (param === undefined || !Array.isArray(keys)) continue;
    const scalar = operation.parameters.some(
      (parameter) =>
        parameter.in === "query" && parameter.name === param && parameter.shape === "scalar",
    );
    if (keys.length === 0) joined = { ...joined, [param]: undefined };
    else if (scalar) joined = { ...joined, [param]: keys.join(",") };
  }
  return joined;
}

/** The media types the operation's responses declare, successes first: what `Accept` asks for. */
function acceptable(operation: OperationContract): string[] {
  const statuses = Object.keys(operation.responses).sort(
    (a, b) => Number(!a.startsWith("2")) - Number(!b.startsWith("2")),
  );
  return [...new Set(statuses.flatMap((status) => operation.responses[status] ?? []))];
}

/** A Link target carries the full path; the base URL already ends with the server's base path. */
function basePathless(baseUrl: string, pathname: string): string {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).pathname.replace(/\/$/, "");
  return base !== "" && pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
}
