import type { BeginResult, IdempotencyStore, StoredResponse } from "./store.js";

type Entry =
  | { state: "processing"; fingerprint: string; token: string; expiresAt: number }
  | { state: "done"; fingerprint: string; response: StoredResponse; expiresAt: number };

/** Idempotency records in this process, forgotten when their lease or TTL ends. For many processes use Redis. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  async begin(key: string, fingerprint: string, leaseMs: number): Promise<BeginResult> {
    const now = this.#now();
    this.#forgetExpired(now);
    const entry = this.#live(key, now);
    if (entry === undefined) {
      const token = crypto.randomUUID();
      this.#entries.set(key, { state: "processing", fingerprint, token, expiresAt: now + leaseMs });
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
    this.#entries.delete(key);
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

  #forgetExpired(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(key);
    }
  }
}
