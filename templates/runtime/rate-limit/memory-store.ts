import { WriteOrderMap } from "../write-order-map.js";
import { step, type State } from "./algorithms.js";
import type { Decision, RateLimitPolicy, RateLimitStore } from "./policy.js";

export interface MemoryStoreOptions {
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

/** A full pass over the map runs at least this often (in clock time) once it holds over 1,024 keys. */
const FULL_SWEEP_EVERY_MS = 30_000;

/**
 * Rate-limit state in this process. Bounded: entries are kept in last-touched order and each
 * check forgets the expired ones at the old end; since policies with different windows expire
 * out of touch order, a full pass also runs when the map has doubled or every 30 s. Each entry is
 * deleted once, so the cost is amortised O(1) per check. For several processes use Redis.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #entries = new WriteOrderMap<{ state: State; expiresAt: number }>();
  readonly #now: () => number;
  #fullSweepAtSize = 1024;
  #lastFullSweep: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#lastFullSweep = this.#now();
  }

  /** How many keys hold state (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  async check(key: string, policy: RateLimitPolicy): Promise<Decision> {
    const now = this.#now();
    this.#forgetExpired(now);
    const entry = this.#entries.get(key);
    const result = step(
      entry !== undefined && entry.expiresAt > now ? entry.state : undefined,
      policy,
      now,
    );
    this.#entries.set(key, { state: result.state, expiresAt: result.expiresAt });
    return result.decision;
  }

  #forgetExpired(now: number): void {
    this.#entries.deleteOldestWhile((entry) => entry.expiresAt <= now);
    const size = this.#entries.size;
    if (
      size >= this.#fullSweepAtSize ||
      (size > 1024 && now - this.#lastFullSweep >= FULL_SWEEP_EVERY_MS)
    ) {
      for (const { key, value } of this.#entries.entries())
        if (value.expiresAt <= now) this.#entries.delete(key);
      this.#fullSweepAtSize = Math.max(1024, this.#entries.size * 2);
      this.#lastFullSweep = now;
    }
  }
}
