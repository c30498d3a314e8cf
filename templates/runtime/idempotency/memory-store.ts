import { WriteOrderMap } from "../write-order-map.js";
import type { BeginResult, IdempotencyStore, StoredResponse } from "./store.js";

export interface MemoryIdempotencyStoreOptions {
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
  /**
   * The most records kept (default 100,000): past it, the oldest completed ones are forgotten
   * first, before their TTL, so memory stays bounded under any traffic. Leases in flight are
   * never forgotten this way.
   */
  maxEntries?: number;
}

export const DEFAULT_MAX_ENTRIES = 100_000;

type Entry =
  | { state: "processing"; fingerprint: string; token: string; expiresAt: number }
  | { state: "done"; fingerprint: string; response: StoredResponse; expiresAt: number };

/**
 * Idempotency records in this process, forgotten when their lease or TTL ends, or (the oldest
 * completed first) when there are more than `maxEntries`. Entries are kept in the order they were
 * last written. For many processes, or to keep every record for its whole TTL, use Redis.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new WriteOrderMap<Entry>();
  readonly #now: () => number;
  readonly #maxEntries: number;
  /** Lease tokens: unique within this store, which is all a token is compared in. */
  #leases = 0;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1)
      throw new RangeError("maxEntries must be a positive integer");
  }

  get size(): number {
    return this.#entries.size;
  }

  async begin(key: string, fingerprint: string, leaseMs: number): Promise<BeginResult> {
    const now = this.#now();
    this.#entries.deleteOldestWhile((entry) => entry.expiresAt <= now);
    const entry = this.#live(key, now);
    if (entry === undefined) {
      const token = String(++this.#leases);
      this.#entries.set(key, { state: "processing", fingerprint, token, expiresAt: now + leaseMs });
      this.#forgetOldest();
      return { kind: "acquired", token };
    }
    if (entry.fingerprint !== fingerprint) return { kind: "mismatch" };
    return entry.state === "processing"
      ? { kind: "in-flight" }
      : { kind: "replay", response: entry.response };
  }

  async complete(
    key: string,
    token: string,
    response: StoredResponse,
    ttlMs: number,
  ): Promise<boolean> {
    const now = this.#now();
    const entry = this.#live(key, now);
    if (entry?.state !== "processing" || entry.token !== token) return false;
    this.#entries.set(key, {
      state: "done",
      fingerprint: entry.fingerprint,
      response,
      expiresAt: now + ttlMs,
    });
    return true;
  }

  async release(key: string, token: string): Promise<void> {
    const entry = this.#live(key, this.#now());
    if (entry?.state === "processing" && entry.token === token) this.#entries.delete(key);
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * Down to `maxEntries`, from the old end: completed records are forgotten, and a lease still in
   * flight there is written again at the new end instead. One pass at most: when every entry is a
   * lease in flight, they all stay (their number is bounded by the requests in flight).
   */
  #forgetOldest(): void {
    for (
      let unvisited = this.#entries.size;
      this.#entries.size > this.#maxEntries && unvisited > 0;
      unvisited--
    ) {
      const oldest = this.#entries.oldest();
      if (oldest === undefined) return;
      if (oldest.value.state === "processing") this.#entries.set(oldest.key, oldest.value);
      else this.#entries.delete(oldest.key);
    }
  }
}
