import { AbortError, ApiError, ConnectionError, errorFor, TimeoutError } from "./errors.js";
import { DEFAULT_RETRY, mayRetry, retryDelay, sleep, type RetryPolicy } from "./retry.js";

export interface ClientConfig {
  baseUrl: string;
  /** Defaults to the global `fetch`; inject one for tests or other runtimes. */
  fetch?: typeof fetch;
  /** Sent with every request (per-call headers win). */
  headers?: Readonly<Record<string, string>>;
  /** Per attempt, in milliseconds. Default 60 s. */
  timeout?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Backoff tuning. */
  retry?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** The jitter source (tests pin it). */
  random?: () => number;
}

/** Per call: these win over the client's settings. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
  headers?: Readonly<Record<string, string>>;
  /** Your own idempotency key; by default one is made per logical call where the contract asks for it. */
  idempotencyKey?: string;
}

export interface ApiRequest {
  method: string;
  /** Already expanded and encoded, e.g. `/users/42`. */
  path: string;
  /** Already serialized, without `?`. */
  query?: string;
  headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** The header the contract's idempotency uses, when the operation has one. */
  idempotencyHeader?: string;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  requestId: string | undefined;
}

/**
 * Sends one logical call: attempts, retries (one place decides: `mayRetry` and `retryDelay`),
 * the idempotency key made once and sent on every attempt, a timeout per attempt, and the
 * caller's signal honoured at any point, including while waiting to retry.
 */
export async function send<T>(config: ClientConfig, request: ApiRequest, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const doFetch = config.fetch ?? globalThis.fetch;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry, maxRetries: options.maxRetries ?? config.maxRetries ?? DEFAULT_RETRY.maxRetries };
  const timeout = options.timeout ?? config.timeout ?? 60_000;
  const key = request.idempotencyHeader === undefined ? undefined : (options.idempotencyKey ?? globalThis.crypto.randomUUID());
  const headers: Record<string, string> = { accept: "application/json", ...config.headers, ...request.headers, ...options.headers };
  if (key !== undefined && request.idempotencyHeader !== undefined) headers[request.idempotencyHeader] = key;
  if (request.body !== undefined) headers["content-type"] ??= "application/json";
  const url = `${config.baseUrl.replace(/\/+$/, "")}${request.path}${request.query ? `?${request.query}` : ""}`;
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);

  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt < policy.maxRetries;
    let response: Response;
    try {
      response = await attemptFetch(doFetch, url, { method: request.method, headers, ...(body === undefined ? {} : { body }) }, timeout, options.signal);
    } catch (error) {
      if (error instanceof AbortError || !canRetry || !mayRetry(request.method, key !== undefined, "network")) throw error;
      await sleep(retryDelay(attempt, policy, null, config.random) ?? 0, options.signal);
      continue;
    }
    if (response.ok) return { data: (await readBody(response, true)) as T, status: response.status, headers: response.headers, requestId: response.headers.get("x-request-id") ?? undefined };
    const error = errorFor(response.status, await readBody(response, false), response.headers);
    if (!canRetry || !mayRetry(request.method, key !== undefined, response.status)) throw error;
    const delay = retryDelay(attempt, policy, response.headers.get("retry-after"), config.random);
    if (delay === undefined) throw error;
    await sleep(delay, options.signal);
  }
}

async function attemptFetch(doFetch: typeof fetch, url: string, init: RequestInit, timeout: number, signal: AbortSignal | undefined): Promise<Response> {
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

/** The body as JSON when it says so, else text; never throws for an error body. A success body that claims JSON but is not is an ApiError. */
async function readBody(response: Response, success: boolean): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ConnectionError({ cause: error });
  }
  const type = response.headers.get("content-type") ?? "";
  if (text === "" || !/[/+]json\b/i.test(type)) return text === "" ? undefined : text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (success) throw new ApiError(response.status, text, response.headers);
    return text;
  }
}
