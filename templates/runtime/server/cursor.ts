import { fromBase64Url, toBase64Url } from "../base64.js";
import type { Sha256 } from "../idempotency/fingerprint.js";
import { HttpError } from "./errors.js";
import { bytesOf, equalBytes, hmacSha256, sha256 } from "./sha256.js";

/** Refuses malformed UTF-8 rather than replacing it. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Opaque cursors: base64url JSON of a keyset position, bound to the query it was made for (its
 * filters and sort), and HMAC-SHA256-signed when a secret is configured. A cursor that does not
 * decode, carries a bad signature, or belongs to another query is a 400 `INVALID_CURSOR`.
 */
export class CursorCodec {
  readonly #secret: string | Uint8Array | undefined;

  constructor(secret?: string | Uint8Array) {
    this.#secret = secret;
  }

  encode(position: readonly unknown[], binding: string): string {
    const payload = toBase64Url(bytesOf(JSON.stringify({ p: position, b: binding })));
    return this.#secret === undefined ? payload : `${payload}.${this.#sign(payload)}`;
  }

  decode(cursor: string, binding: string): unknown[] {
    const [payload = "", signature, extra] = cursor.split(".");
    if (extra !== undefined || !/^[A-Za-z0-9_-]{1,4096}$/.test(payload))
      throw invalid("is malformed");
    if (this.#secret !== undefined) {
      if (!equalBytes(bytesOf(signature ?? ""), bytesOf(this.#sign(payload))))
        throw invalid("has a bad signature");
    } else if (signature !== undefined) throw invalid("is malformed");
    let decoded: unknown;
    try {
      decoded = JSON.parse(utf8.decode(fromBase64Url(payload)));
    } catch {
      throw invalid("is malformed");
    }
    const record = decoded as { p?: unknown; b?: unknown };
    if (typeof decoded !== "object" || decoded === null || !Array.isArray(record.p))
      throw invalid("is malformed");
    if (record.b !== binding)
      throw invalid("belongs to a different query (its filters or sort changed) or caller");
    return record.p;
  }

  #sign(payload: string): string {
    return toBase64Url(hmacSha256(this.#secret ?? "", payload));
  }
}

/**
 * What a cursor is bound to: every query parameter except the cursor and the limit
 * (order-independent), and the caller's scope (empty for anonymous operations). Hashed by
 * `nativeSha256` where the platform has one, else in JavaScript; both give the same binding.
 */
export function queryBinding(
  pairs: ReadonlyArray<readonly [string, string]>,
  ignored: ReadonlySet<string>,
  callerScope = "",
  nativeSha256?: Sha256,
): string {
  const kept = pairs
    .filter(([name]) => !ignored.has(name))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort();
  const text = `${encodeURIComponent(callerScope)}?${kept.join("&")}`;
  const digest = nativeSha256 === undefined ? toBase64Url(sha256(text)) : nativeSha256([text]);
  return digest.slice(0, 22);
}

/**
 * Orders two keyset positions (e.g. `[createdAt, id]`) element by element: the last element is
 * the tie-breaker that makes positions unique even when many rows share a sort value. In SQL the
 * same test is `WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id`.
 */
export function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index] as string | number | null | undefined;
    const right = b[index] as string | number | null | undefined;
    if (left === right) continue;
    if (left === undefined || left === null) return -1;
    if (right === undefined || right === null) return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}

function invalid(problem: string): HttpError {
  return new HttpError(
    400,
    "INVALID_CURSOR",
    `The cursor ${problem}; start again from the first page.`,
    [{ location: "query", pointer: "/cursor", field: "cursor", code: "cursor", message: problem }],
  );
}
