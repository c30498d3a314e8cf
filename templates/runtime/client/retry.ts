import { AbortError } from "./errors.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The first backoff; doubles per attempt. */
  baseDelayMs: number;
  /** No computed backoff exceeds this. */
  maxDelayMs: number;
  /** A server's `Retry-After` is honoured up to this; longer waits are not made (the error is returned). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/**
 * Whether a failed attempt may be retried. Statuses: 408, 429, 5xx, and 409 when the request
 * carries an idempotency key (the server's "still in flight"). Network errors too. Never for a
 * non-idempotent method without an idempotency key: the first attempt may have taken effect.
 */
export function mayRetry(
  method: string,
  hasIdempotencyKey: boolean,
  status: number | "network",
): boolean {
  if (!IDEMPOTENT_METHODS.has(method.toUpperCase()) && !hasIdempotencyKey) return false;
  if (status === "network") return true;
  return status === 408 || status === 429 || status >= 500 || (status === 409 && hasIdempotencyKey);
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's `Retry-After` (seconds
 * or an HTTP-date) when it is valid and within `maxRetryAfterMs`, else exponential backoff with
 * equal jitter — a random delay in [d/2, d] for d = min(maxDelayMs, baseDelayMs × 2^attempt).
 * Returns undefined when the server asks for longer than the cap (do not retry).
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfter: string | null,
  random: () => number = Math.random,
  now: () => number = Date.now,
): number | undefined {
  const asked = parseRetryAfter(retryAfter, now());
  if (asked !== undefined) return asked <= policy.maxRetryAfterMs ? asked : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** `Retry-After` (RFC 9110 §10.2.3) in milliseconds: delay-seconds or an HTTP-date; undefined when malformed. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Waits, unless the signal fires first (then rejects with AbortError at once). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError({ cause: signal.reason }));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError({ cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
