import { AbortError, ApiError, ConnectionError, errorFor, TimeoutError } from "./errors.js";
import { encodeBody } from "./body.js";
import { Revalidation, type ResponseCache } from "./etag-cache.js";
import { mediaKind } from "./media.js";
import { DEFAULT_RETRY, mayRetry, retryDelay, sleep, type RetryPolicy } from "./retry.js";

export interface ClientConfig {
  baseUrl: string;
  /** Defaults to the global `fetch`; inject one for tests or other runtimes. */
  fetch?: typeof fetch;
  /**
   * Sent with every request. Precedence, lowest first, names compared case-insensitively and one
   * value each: `Accept` from the contract < these < auth < header parameters < per-call headers.
   */
  headers?: Readonly<Record<string, string>>;
  /** Per attempt, in milliseconds. Default 60 s. */
  timeout?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Backoff tuning. */
  retry?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** The jitter source (tests pin it). */
  random?: () => number;
  /**
   * Conditional GETs: a response sent with an `ETag` is kept, the next identical GET sends
   * `If-None-Match`, and a 304 is answered from the store (`withResponse()` says `fromCache`).
   * `"etag"` keeps the last 500 in memory; or pass your own store.
   */
  cache?: "etag" | ResponseCache;
}

/** Per call: these win over the client's settings. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
  /** Win over every other header of the same name (compared case-insensitively). */
  headers?: Readonly<Record<string, string>>;
  /** Your own idempotency key; by default one is made per logical call where the contract asks for it. */
  idempotencyKey?: string;
  /** Sent as `If-Match`: the write applies only to this version (`PreconditionFailedError` when it is stale). */
  ifMatch?: string;
}

export interface ApiRequest {
  method: string;
  /** Already expanded and encoded, e.g. `/users/42`. */
  path: string;
  /** Already serialized, without `?`. */
  query?: string;
  /** Auth, then header parameters and the cookie header, in order (a later one wins). */
  headers?: ReadonlyArray<readonly [string, string]>;
  /** The media types the responses declare, successes first (`Accept`; and how to read a body that names none). */
  accept?: readonly string[];
  /** Encoded for the first declared media type that fits it (JSON, text, form fields). */
  body?: unknown;
  /** The media types the operation accepts. */
  contentTypes?: readonly string[];
  /** The header the contract's idempotency uses, when the operation has one. */
  idempotencyHeader?: string;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  requestId: string | undefined;
  /** The server answered 304 and the body is the one kept from the response it confirmed. */
  fromCache: boolean;
}

/**
 * Sends one logical call: attempts, retries (one place decides: `mayRetry` and `retryDelay`),
 * the idempotency key made once and sent on every attempt, a timeout per attempt, and the
 * caller's signal honoured at any point, including while waiting to retry.
 */
export async function send<T>(
  config: ClientConfig,
  request: ApiRequest,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const doFetch = config.fetch ?? globalThis.fetch;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY,
    ...config.retry,
    maxRetries: options.maxRetries ?? config.maxRetries ?? DEFAULT_RETRY.maxRetries,
  };
  const timeout = options.timeout ?? config.timeout ?? 60_000;
  const headers = requestHeaders(config, request, options);
  const key = idempotencyKey(request.idempotencyHeader, headers, options.idempotencyKey);
  const encoded =
    request.body === undefined ? undefined : encodeBody(request.body, request.contentTypes ?? []);
  if (encoded?.contentType !== undefined && !headers.has("content-type"))
    headers.set("content-type", encoded.contentType);
  const url = `${config.baseUrl.replace(/\/+$/, "")}${request.path}${request.query ? `?${request.query}` : ""}`;
  const body = encoded?.body;
  const revalidation =
    request.method === "GET" && config.cache !== undefined
      ? new Revalidation(config.cache, config, url, headers)
      : undefined;

  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < policy.maxRetries;
    let response: Response;
    try {
      response = await attemptFetch(
        doFetch,
        url,
        { method: request.method, headers, ...(body === undefined ? {} : { body }) },
        timeout,
        options.signal,
      );
    } catch (error) {
      if (
        error instanceof AbortError ||
        !canRetry ||
        !mayRetry(request.method, key !== undefined, "network")
      )
        throw error;
      await sleep(retryDelay(attempt, policy, null, config.random) ?? 0, options.signal);
      continue;
    }
    const kept = response.status === 304 ? await revalidation?.notModified(response) : undefined;
    if (kept !== undefined)
      return { ...(kept as Revalidated<T>), requestId: requestIdOf(response), fromCache: true };
    if (response.ok) {
      const data = (await readBody(response, true, request.accept?.[0])) as T;
      revalidation?.keep(response, data);
      const { status, headers: received } = response;
      return {
        data,
        status,
        headers: received,
        requestId: requestIdOf(response),
        fromCache: false,
      };
    }
    const error = errorFor(
      response.status,
      await readBody(response, false, request.accept?.[0]),
      response.headers,
    );
    if (!canRetry || !mayRetry(request.method, key !== undefined, response.status)) throw error;
    const delay = retryDelay(attempt, policy, response.headers.get("retry-after"), config.random);
    if (delay === undefined) throw error;
    await sleep(delay, options.signal);
  }
}

/** The headers a call sends, in the precedence `ClientConfig.headers` documents; `ifMatch` as `If-Match`. */
function requestHeaders(
  config: ClientConfig,
  request: ApiRequest,
  options: RequestOptions,
): Headers {
  const headers = new Headers({
    accept: request.accept?.length ? request.accept.join(", ") : "*/*",
  });
  for (const layer of [
    Object.entries(config.headers ?? {}),
    request.headers ?? [],
    Object.entries(options.headers ?? {}),
  ])
    for (const [name, value] of layer) setHeader(headers, name, value);
  if (options.ifMatch !== undefined && !headers.has("if-match"))
    headers.set("if-match", options.ifMatch);
  return headers;
}

type Revalidated<T> = { data: T; status: number; headers: Headers };

function requestIdOf(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? undefined;
}

async function attemptFetch(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<Response> {
  if (signal?.aborted) throw new AbortError({ cause: signal.reason });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await doFetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    if (signal?.aborted) throw new AbortError({ cause: signal.reason });
    if (timedOut) throw new TimeoutError(timeout);
    throw new ConnectionError({ cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * The body, read by the media type the response names (else the first the contract declares):
 * JSON parsed, text as a string, anything else as a `Blob`, never decoded as text. Never throws
 * for an error body; a success body that claims JSON but is not is an ApiError.
 */
async function readBody(
  response: Response,
  success: boolean,
  declared: string | undefined,
): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const kind = mediaKind(response.headers.get("content-type") ?? declared ?? "");
  try {
    if (kind === "binary") {
      const blob = await response.blob();
      return blob.size === 0 ? undefined : blob;
    }
    const text = await response.text();
    if (text === "") return undefined;
    if (kind === "text") return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (success) throw new ApiError(response.status, text, response.headers);
      return text;
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ConnectionError({ cause: error });
  }
}

/** Sets one header, replacing any value under the same name; a value fetch refuses names the header. */
function setHeader(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch (error) {
    throw new TypeError(`header ${JSON.stringify(name)} has a name or value HTTP cannot carry`, {
      cause: error,
    });
  }
}

/**
 * The key of one logical call, set on `headers` once and so sent on every attempt: the caller's
 * option, else a key the caller put in the headers, else a fresh random one.
 */
function idempotencyKey(
  header: string | undefined,
  headers: Headers,
  own: string | undefined,
): string | undefined {
  if (header === undefined) return own;
  const key = own ?? headers.get(header) ?? globalThis.crypto.randomUUID();
  setHeader(headers, header, key);
  return key;
}
