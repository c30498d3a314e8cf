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
  const headers: Record<string, string> = {
    accept: "application/json",
    ...config.headers,
    ...request.headers,
    ...options.headers,
  };
  const key = idempotencyKey(request.idempotencyHeader, headers, options.idempotencyKey);
  const encoded =
    request.body === undefined ? undefined : encodeBody(request.body, request.contentTypes ?? []);
  if (
    encoded !== undefined &&
    !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")
  )
    headers["content-type"] = encoded.contentType;
  const url = `${config.baseUrl.replace(/\/+$/, "")}${request.path}${request.query ? `?${request.query}` : ""}`;
  const body = encoded?.body;

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
    if (response.ok)
      return {
        data: (await readBody(response, true)) as T,
        status: response.status,
        headers: response.headers,
        requestId: response.headers.get("x-request-id") ?? undefined,
      };
    const error = errorFor(response.status, await readBody(response, false), response.headers);
    if (!canRetry || !mayRetry(request.method, key !== undefined, response.status)) throw error;
    const delay = retryDelay(attempt, policy, response.headers.get("retry-after"), config.random);
    if (delay === undefined) throw error;
    await sleep(delay, options.signal);
  }
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

/**
 * The key of one logical call, set on `headers` once and so sent on every attempt: the caller's
 * option, else a key the caller put in the headers, else a fresh random one.
 */
function idempotencyKey(
  header: string | undefined,
  headers: Record<string, string>,
  own: string | undefined,
): string | undefined {
  if (header === undefined) return own;
  const present = Object.keys(headers).find((name) => name.toLowerCase() === header.toLowerCase());
  const key =
    own ?? (present === undefined ? undefined : headers[present]) ?? globalThis.crypto.randomUUID();
  if (present !== undefined) delete headers[present];
  headers[header] = key;
  return key;
}

/** A body encoded for the media type it fits: a string as text, an object as JSON, or as form fields when only a form is accepted. */
function encodeBody(
  body: unknown,
  contentTypes: readonly string[],
): { body: string; contentType: string } {
  const json = contentTypes.find((type) => /[/+]json$/i.test(type.split(";")[0]?.trim() ?? ""));
  const text = contentTypes.find((type) => /^text\//i.test(type));
  const form = contentTypes.find((type) => /^application\/x-www-form-urlencoded$/i.test(type));
  if (typeof body === "string" && text !== undefined) return { body, contentType: text };
  if (json === undefined && form !== undefined && typeof body === "object" && body !== null) {
    const fields = new URLSearchParams();
    for (const [name, value] of Object.entries(body))
      if (value !== undefined && value !== null) fields.append(name, String(value));
    return { body: fields.toString(), contentType: form };
  }
  return { body: JSON.stringify(body), contentType: json ?? "application/json" };
}
