/** The algorithms a contract's `x-rate-limit` may name. */
export type RateLimitAlgorithm =
  "fixed-window" | "sliding-window" | "sliding-window-log" | "token-bucket" | "gcra";

export interface RateLimitPolicy {
  algorithm: RateLimitAlgorithm;
  /** Requests allowed per window (for token bucket and GCRA: the sustained rate per window). */
  limit: number;
  windowMs: number;
  /** Token bucket capacity / GCRA burst; defaults to `limit`. */
  burst?: number;
}

/** The outcome of one check, with what the response headers need. */
export interface Decision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the limit is fully available again (window end, bucket full). */
  resetMs: number;
  /** Milliseconds until a denied request may succeed; 0 when allowed. */
  retryAfterMs: number;
}

/** Where rate-limit state lives: memory (one process) or Redis (shared). One atomic step per check. */
export interface RateLimitStore {
  check(key: string, policy: RateLimitPolicy): Promise<Decision>;
}

export function burstOf(policy: RateLimitPolicy): number {
  return Math.max(1, Math.floor(policy.burst ?? policy.limit));
}
