/** A completed response, as stored for replay. */
export interface StoredResponse {
  status: number;
  headers: Array<[string, string]>;
  /** The body: text as is, bytes base64-encoded. */
  body: string;
  encoding: "utf8" | "base64";
}

/** What `begin` finds for a key. */
export type BeginResult =
  | { kind: "acquired"; token: string }
  | { kind: "in-flight" }
  | { kind: "mismatch" }
  | { kind: "replay"; response: StoredResponse };

/**
 * Idempotency records (draft-ietf-httpapi-idempotency-key-header). `begin` atomically takes a
 * processing lease for a new key, or reports what holds it; `complete` and `release` act only for
 * the owner of the lease (its token), so a request whose lease expired and was taken over cannot
 * overwrite its successor's record.
 */
export interface IdempotencyStore {
  begin(key: string, fingerprint: string, leaseMs: number): Promise<BeginResult>;
  /** Stores the response for `ttlMs`; false when the lease was lost (expired and taken). */
  complete(key: string, token: string, response: StoredResponse, ttlMs: number): Promise<boolean>;
  /** Gives the key up so the client may retry (after a 5xx or a thrown handler). */
  release(key: string, token: string): Promise<void>;
}
