import { burstOf, type Decision, type RateLimitPolicy } from "./policy.js";

/**
 * The algorithms as pure steps over one key's state, for the memory store; the Redis store runs
 * the same arithmetic in Lua (`scripts.ts`). Times are milliseconds.
 */
/** Slack for floating-point refill arithmetic (the Lua scripts use the same). */
const EPSILON = 1e-9;

export type State =
  | { kind: "fixed"; window: number; count: number }
  | { kind: "log"; hits: number[] }
  | { kind: "counter"; window: number; current: number; previous: number }
  | { kind: "bucket"; tokens: number; at: number }
  | { kind: "gcra"; tat: number };

export interface Step {
  state: State;
  decision: Decision;
  /** When the state may be forgotten (nothing in it matters any more). */
  expiresAt: number;
}

export function step(state: State | undefined, policy: RateLimitPolicy, now: number): Step {
  switch (policy.algorithm) {
    case "fixed-window":
      return fixedWindow(state?.kind === "fixed" ? state : undefined, policy, now);
    case "sliding-window-log":
      return slidingLog(state?.kind === "log" ? state : undefined, policy, now);
    case "sliding-window":
      return slidingCounter(state?.kind === "counter" ? state : undefined, policy, now);
    case "token-bucket":
      return tokenBucket(state?.kind === "bucket" ? state : undefined, policy, now);
    case "gcra":
      return gcra(state?.kind === "gcra" ? state : undefined, policy, now);
  }
}

/** A counter per aligned window (`floor(now / window)`); the count resets at each window edge. */
function fixedWindow(
  state: { window: number; count: number } | undefined,
  policy: RateLimitPolicy,
  now: number,
): Step {
  const window = Math.floor(now / policy.windowMs);
  const count = state?.window === window ? state.count : 0;
  const end = (window + 1) * policy.windowMs;
  const allowed = count < policy.limit;
  const next = allowed ? count + 1 : count;
  return {
    state: { kind: "fixed", window, count: next },
    decision: {
      allowed,
      limit: policy.limit,
      remaining: policy.limit - next,
      resetMs: end - now,
      retryAfterMs: allowed ? 0 : end - now,
    },
    expiresAt: end,
  };
}

/** The seed's sliding log: the times of the admitted requests of the last window. */
function slidingLog(
  state: { hits: number[] } | undefined,
  policy: RateLimitPolicy,
  now: number,
): Step {
  // The log is kept in time order; expired times leave from the front (each once), in place.
  const hits = state?.hits ?? [];
  let expired = 0;
  while (expired < hits.length && (hits[expired] ?? now) <= now - policy.windowMs) expired++;
  if (expired > 0) hits.splice(0, expired);
  const allowed = hits.length < policy.limit;
  if (allowed) hits.push(now);
  const oldest = hits[0] ?? now;
  const resetMs = (hits.at(-1) ?? now) + policy.windowMs - now;
  return {
    state: { kind: "log", hits },
    decision: {
      allowed,
      limit: policy.limit,
      remaining: policy.limit - hits.length,
      resetMs,
      retryAfterMs: allowed ? 0 : oldest + policy.windowMs - now,
    },
    expiresAt: now + resetMs,
  };
}

/**
 * The sliding window counter: the previous window's count weighted by how much of it still
 * overlaps the sliding window, plus the current window's count.
 */
function slidingCounter(
  state: { window: number; current: number; previous: number } | undefined,
  policy: RateLimitPolicy,
  now: number,
): Step {
  const window = Math.floor(now / policy.windowMs);
  let current = 0;
  let previous = 0;
  if (state?.window === window) ({ current, previous } = state);
  else if (state?.window === window - 1) previous = state.current;
  const elapsed = now - window * policy.windowMs;
  const weight = (policy.windowMs - elapsed) / policy.windowMs;
  const used = Math.floor(previous * weight) + current;
  const allowed = used < policy.limit;
  if (allowed) current += 1;
  const end = (window + 1) * policy.windowMs;
  return {
    state: { kind: "counter", window, current, previous },
    decision: {
      allowed,
      limit: policy.limit,
      remaining: Math.max(0, policy.limit - used - (allowed ? 1 : 0)),
      resetMs: end - now,
      retryAfterMs: allowed ? 0 : counterRetry(previous, current, policy, now, window),
    },
    expiresAt: end + policy.windowMs,
  };
}

/** How long until the weighted previous count has decayed enough for one more request. */
function counterRetry(
  previous: number,
  current: number,
  policy: RateLimitPolicy,
  now: number,
  window: number,
): number {
  const end = (window + 1) * policy.windowMs;
  if (current >= policy.limit || previous === 0) return end - now;
  // floor(previous * (W - e) / W) + current < limit  ⇔  previous * (W - e) / W < limit - current
  const elapsedNeeded = policy.windowMs - ((policy.limit - current) * policy.windowMs) / previous;
  const at = window * policy.windowMs + Math.max(0, Math.floor(elapsedNeeded) + 1);
  return Math.min(end, at) - now;
}

/** Tokens refill continuously at `limit` per window up to the capacity; a request takes one. */
function tokenBucket(
  state: { tokens: number; at: number } | undefined,
  policy: RateLimitPolicy,
  now: number,
): Step {
  const capacity = burstOf(policy);
  const rate = policy.limit / policy.windowMs;
  const tokens = Math.min(
    capacity,
    (state?.tokens ?? capacity) + Math.max(0, now - (state?.at ?? now)) * rate,
  );
  const allowed = tokens >= 1 - EPSILON;
  const left = allowed ? Math.max(0, tokens - 1) : tokens;
  const resetMs = Math.ceil((capacity - left) / rate - EPSILON);
  return {
    state: { kind: "bucket", tokens: left, at: now },
    decision: {
      allowed,
      limit: capacity,
      remaining: Math.floor(left),
      resetMs,
      retryAfterMs: allowed ? 0 : Math.ceil((1 - left) / rate - EPSILON),
    },
    expiresAt: now + resetMs,
  };
}

/**
 * GCRA: a theoretical arrival time (TAT) advancing by the emission interval per request; a
 * request is admitted when it is no earlier than TAT − burst tolerance.
 */
function gcra(state: { tat: number } | undefined, policy: RateLimitPolicy, now: number): Step {
  const interval = policy.windowMs / policy.limit;
  const burst = burstOf(policy);
  const tolerance = interval * (burst - 1);
  const tat = Math.max(state?.tat ?? now, now);
  const allowAt = tat - tolerance;
  const allowed = now >= allowAt;
  const next = allowed ? tat + interval : tat;
  const remaining = Math.max(0, Math.floor((now + tolerance + interval - next) / interval));
  return {
    state: { kind: "gcra", tat: next },
    decision: {
      allowed,
      limit: burst,
      remaining,
      resetMs: Math.ceil(next - now),
      retryAfterMs: allowed ? 0 : Math.ceil(allowAt - now),
    },
    expiresAt: next,
  };
}
