import type { IdempotencyContract } from "../contract.js";
import { digest, fingerprint, type Sha256 } from "../idempotency/fingerprint.js";
import { MemoryIdempotencyStore } from "../idempotency/memory-store.js";
import type { IdempotencyStore, StoredResponse } from "../idempotency/store.js";
import { fromBase64, toBase64 } from "../base64.js";
import { HttpError } from "./errors.js";
import type { ServerResponse } from "./http.js";

export interface IdempotencyOptions {
  /** Where records live. Default: memory in this process; pass a `RedisIdempotencyStore` for many. */
  store?: IdempotencyStore;
}

/** A request that took the key's lease: `finish` stores its response (or gives the key up after a 5xx); `abandon` gives it up. */
export interface Lease {
  finish(response: ServerResponse): Promise<void>;
  abandon(): Promise<void>;
}

export type IdempotencyOutcome =
  { kind: "run"; lease: Lease | undefined } | { kind: "replay"; response: ServerResponse };

export interface IdempotentRequest {
  /** What the router matched: the operation and its decoded path parameters, never the spelling. */
  target: string;
  /** The key's field value as received (bare or as a quoted string); two headers arrive joined. */
  key: string | undefined;
  /** Who is asking: keys are scoped by it, so one tenant never receives another's response. */
  scope: string;
  body: unknown;
}

const PER_REQUEST_HEADERS =
  /^(x-request-id|x-ratelimit-.*|ratelimit(-policy)?|retry-after|deprecation|sunset)$/;

/**
 * Idempotency-Key handling (draft-ietf-httpapi-idempotency-key-header): a missing key where
 * required is a 400, a malformed one a 400; the first request takes a lease; a concurrent one
 * gets 409; the same key with another payload 422; a completed one replays the stored status,
 * headers and body with `Idempotency-Replay: true`. A 5xx or a thrown handler gives the key up.
 */
export class IdempotencyGuard {
  readonly #store: IdempotencyStore;
  readonly #sha256: Sha256 | undefined;

  /** `sha256`: a native synchronous hash where the runtime has one (Node adapters pass it); else Web Crypto's. */
  constructor(options: IdempotencyOptions = {}, sha256?: Sha256) {
    this.#store = options.store ?? new MemoryIdempotencyStore();
    this.#sha256 = sha256;
  }

  async begin(
    policy: IdempotencyContract,
    request: IdempotentRequest,
    report: (error: unknown) => void,
  ): Promise<IdempotencyOutcome> {
    if (request.key === undefined) {
      if (!policy.required) return { kind: "run", lease: undefined };
      throw new HttpError(
        400,
        "IDEMPOTENCY_KEY_MISSING",
        `This operation requires an ${policy.header} header.`,
      );
    }
    const key = parseKey(request.key);
    if (key === undefined) {
      throw new HttpError(
        400,
        "IDEMPOTENCY_KEY_INVALID",
        `Send exactly one ${policy.header} header, of 1 to 255 printable characters (no commas unless quoted).`,
      );
    }
    // Hashed at once where the runtime has a synchronous SHA-256 (no promise to settle), else awaited.
    const keyHash = digest(this.#sha256, `${request.scope}\n${request.target}\n${key}`);
    const recordKey = typeof keyHash === "string" ? keyHash : await keyHash;
    const bodyHash = fingerprint(this.#sha256, request.target, request.body ?? null);
    const print = typeof bodyHash === "string" ? bodyHash : await bodyHash;
    let begun;
    try {
      begun = await this.#store.begin(recordKey, print, policy.leaseMs);
    } catch (error) {
      report(error);
      throw new HttpError(
        503,
        "IDEMPOTENCY_UNAVAILABLE",
        "The request cannot be made safely right now; retry with the same key.",
        [],
        new Map([["retry-after", "1"]]),
      );
    }
    switch (begun.kind) {
      case "in-flight":
        throw new HttpError(
          409,
          "IDEMPOTENCY_IN_FLIGHT",
          "A request with this idempotency key is still being processed; retry shortly.",
          [],
          new Map([["retry-after", "1"]]),
        );
      case "mismatch":
        throw new HttpError(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This idempotency key was used with a different request.",
        );
      case "replay":
        return { kind: "replay", response: fromStored(begun.response) };
      case "acquired":
        return { kind: "run", lease: this.#lease(recordKey, begun.token, policy, request, report) };
    }
  }

  /** The lease a first request holds: `finish` stores its response (a 5xx gives the key up). */
  #lease(
    recordKey: string,
    token: string,
    policy: IdempotencyContract,
    request: IdempotentRequest,
    report: (error: unknown) => void,
  ): Lease {
    const store = this.#store;
    return {
      async finish(response) {
        if (response.status >= 500) return store.release(recordKey, token);
        const stored = await store.complete(recordKey, token, toStored(response), policy.ttlMs);
        if (!stored)
          report(
            new Error(
              `the idempotency lease for ${request.target.split("\n")[0] ?? ""} expired before the handler finished; raise x-idempotency lease`,
            ),
          );
      },
      abandon: () => store.release(recordKey, token),
    };
  }
}

/**
 * A key as received: one RFC 8941 string (`"…"` with `\\"` and `\\\\` escapes), or a bare key
 * without commas. Two headers arrive joined by a comma (`a, b` or `"a", "b"`), which is neither,
 * so more than one key is refused.
 */
export function parseKey(raw: string): string | undefined {
  let key = raw.trim();
  if (key.startsWith('"')) {
    if (key.length < 2 || !key.endsWith('"')) return undefined;
    const inner = key.slice(1, -1);
    if (/(^|[^\\])"|\\(?!["\\])/.test(inner.replace(/\\\\/g, ""))) return undefined;
    key = inner.replace(/\\(["\\])/g, "$1");
  } else if (key.includes(",")) return undefined;
  return key.length >= 1 && key.length <= 255 && /^[\x20-\x7e]+$/.test(key) ? key : undefined;
}

function toStored(response: ServerResponse): StoredResponse {
  const headers = [...response.headers].filter(([name]) => !PER_REQUEST_HEADERS.test(name));
  if (response.body instanceof Uint8Array) {
    return {
      status: response.status,
      headers,
      body: toBase64(response.body),
      encoding: "base64",
    };
  }
  return { status: response.status, headers, body: response.body ?? "", encoding: "utf8" };
}

function fromStored(stored: StoredResponse): ServerResponse {
  const headers = new Map(stored.headers);
  headers.set("idempotency-replay", "true");
  const body = stored.encoding === "base64" ? fromBase64(stored.body) : stored.body;
  return {
    status: stored.status,
    headers,
    body: stored.body === "" && stored.encoding === "utf8" ? undefined : body,
  };
}

/**
 * What an idempotency record is keyed on besides the key: the operation the router matched and
 * its decoded, typed path parameters (in name order), never the path as spelled.
 */
export function matchedTarget(operationId: string, path: Record<string, unknown>): string {
  const params = Object.keys(path)
    .sort()
    .map((name) => [name, path[name]]);
  return `${operationId}\n${JSON.stringify(params)}`;
}
