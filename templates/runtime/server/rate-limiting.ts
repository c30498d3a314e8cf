import type { OperationContract, RateLimitContract } from "../contract.js";
import { MemoryRateLimitStore } from "../rate-limit/memory-store.js";
import type { Decision, RateLimitStore } from "../rate-limit/policy.js";
import { HttpError } from "./errors.js";
import { headerValue, type IncomingHeaders } from "./http.js";
import { OutageReporter } from "./report.js";

export interface RateLimitOptions {
  /** Where counts live. Default: a memory store in this process; pass a `RedisRateLimitStore` for many. */
  store?: RateLimitStore;
  /** The plan of a principal, to pick its tier's limit (`tiers` in `x-rate-limit`). */
  planOf?: (principal: unknown) => string | undefined;
  /** Also send the IETF `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers). */
  ietfHeaders?: boolean;
}

export interface RateLimitSubject {
  principal: unknown;
  ip: string | undefined;
  headers: IncomingHeaders;
}

/**
 * Applies an operation's `x-rate-limit` rules: every rule draws on its own budget; the response
 * reports the tightest one (`X-RateLimit-Limit/Remaining/Reset/Reset-After`); any rule over its
 * limit makes a 429 with `Retry-After`. When the store fails, a `failOpen` rule admits (and the
 * outage is reported once, until the store answers again); otherwise the answer is 503.
 */
export class RateLimiter {
  readonly #store: RateLimitStore;
  readonly #options: RateLimitOptions;
  readonly #principalKey: (principal: unknown) => string | undefined;
  readonly #outage = new OutageReporter();

  constructor(
    options: RateLimitOptions = {},
    principalKey: (principal: unknown) => string | undefined,
  ) {
    this.#store = options.store ?? new MemoryRateLimitStore();
    this.#options = options;
    this.#principalKey = principalKey;
  }

  /** The headers to send; throws the 429 or 503. `report` hears of a store outage once (`OutageReporter`). */
  async apply(
    operation: OperationContract,
    subject: RateLimitSubject,
    report: (error: unknown) => void,
  ): Promise<Map<string, string>> {
    const headers = new Map<string, string>();
    if (operation.rateLimits.length === 0) return headers;
    let tightest: { rule: RateLimitContract; decision: Decision } | undefined;
    let denied: Decision | undefined;
    for (const rule of operation.rateLimits) {
      const limit = this.#limitFor(rule, subject.principal);
      let decision: Decision;
      try {
        decision = await this.#store.check(`${rule.bucket}|${this.#keyOf(rule, subject)}`, {
          algorithm: rule.algorithm,
          limit,
          windowMs: rule.windowMs,
          ...(rule.burst === undefined ? {} : { burst: rule.burst }),
        });
      } catch (error) {
        this.#outage.failed(new RateLimitStoreError(error), report);
        if (rule.failOpen) continue;
        throw new HttpError(
          503,
          "RATE_LIMIT_UNAVAILABLE",
          "The service cannot check its rate limits right now; try again shortly.",
          [],
          new Map([["retry-after", "1"]]),
        );
      }
      if (tightest === undefined || decision.remaining < tightest.decision.remaining)
        tightest = { rule, decision };
      if (
        !decision.allowed &&
        (denied === undefined || decision.retryAfterMs > denied.retryAfterMs)
      )
        denied = decision;
    }
    if (tightest !== undefined) this.#describe(headers, tightest.rule, tightest.decision);
    if (denied !== undefined) {
      const seconds = Math.max(1, Math.ceil(denied.retryAfterMs / 1000));
      headers.set("retry-after", String(seconds));
      throw new HttpError(
        429,
        "RATE_LIMIT_EXCEEDED",
        `Rate limit exceeded. Try again in ${seconds} seconds.`,
        [],
        headers,
      );
    }
    return headers;
  }

  #limitFor(rule: RateLimitContract, principal: unknown): number {
    const plan = principal === undefined ? undefined : this.#options.planOf?.(principal);
    return plan !== undefined && Object.hasOwn(rule.tiers, plan)
      ? (rule.tiers[plan] ?? rule.limit)
      : rule.limit;
  }

  #keyOf(rule: RateLimitContract, subject: RateLimitSubject): string {
    if (rule.key === "principal" && subject.principal !== undefined) {
      const id = this.#principalKey(subject.principal);
      if (id !== undefined) return `principal:${id}`;
    }
    if (rule.key.startsWith("header:")) {
      const value = headerValue(subject.headers, rule.key.slice("header:".length).toLowerCase());
      if (value !== undefined && value !== "") return `header:${value}`;
    }
    return `ip:${subject.ip ?? "unknown"}`;
  }

  #describe(headers: Map<string, string>, rule: RateLimitContract, decision: Decision): void {
    const resetAfter = Math.ceil(decision.resetMs / 1000);
    headers.set("x-ratelimit-limit", String(decision.limit));
    headers.set("x-ratelimit-remaining", String(decision.remaining));
    headers.set("x-ratelimit-reset", String(Math.ceil((Date.now() + decision.resetMs) / 1000)));
    headers.set("x-ratelimit-reset-after", String(resetAfter));
    if (this.#options.ietfHeaders === true) {
      headers.set(
        "ratelimit-policy",
        `"default";q=${decision.limit};w=${Math.ceil(rule.windowMs / 1000)}`,
      );
      headers.set("ratelimit", `"default";r=${decision.remaining};t=${resetAfter}`);
    }
  }
}

/** The rate-limit store failed; reported once per outage. */
export class RateLimitStoreError extends Error {
  constructor(cause: unknown) {
    super(`the rate-limit store failed: ${String((cause as Error)?.message ?? cause)}`, { cause });
    this.name = "RateLimitStoreError";
  }
}
