import { toBase64Url } from "../base64.js";
import type { CacheContract } from "../contract.js";
import type { Sha256 } from "../idempotency/fingerprint.js";
import { HttpError } from "./errors.js";
import { headerValue, type IncomingHeaders, type ServerResponse } from "./http.js";
import { sha256 } from "./sha256.js";

/**
 * A write's precondition (`x-cache: { precondition }`): what `If-Match` or `If-Unmodified-Since`
 * asked for. Check it in the same step that writes your store (a compare-and-set), so no other
 * write can land between the check and yours; return `preconditionFailed()` when it does not hold.
 */
export interface Precondition {
  /** The entity tags `If-Match` names, `"*"` for any current version, or undefined when not sent. */
  readonly ifMatch: readonly string[] | "*" | undefined;
  /** `If-Unmodified-Since`, when sent and a valid date (ignored when `If-Match` is sent). */
  readonly ifUnmodifiedSince: Date | undefined;
  /**
   * Whether the stored version passes: its current ETag (`undefined` when it does not exist) and,
   * for `If-Unmodified-Since`, when it last changed. Strong comparison, as RFC 9110 §13.1.1 asks.
   */
  matches(currentEtag: string | undefined, lastModified?: Date): boolean;
}

/** The precondition a write request carries; a required one that is missing is a 428. */
export function readPrecondition(
  headers: IncomingHeaders,
  required: boolean,
): Precondition | undefined {
  const ifMatch = parseEntityTags(headerValue(headers, "if-match"));
  const since = headerValue(headers, "if-unmodified-since");
  const date = since === undefined ? undefined : new Date(since);
  const ifUnmodifiedSince = date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
  if (ifMatch === undefined && ifUnmodifiedSince === undefined) {
    if (!required) return undefined;
    throw new HttpError(
      428,
      "PRECONDITION_REQUIRED",
      "This request must say which version it changes: send If-Match with the ETag you read.",
    );
  }
  return {
    ifMatch,
    ifUnmodifiedSince,
    matches(currentEtag, lastModified) {
      if (ifMatch !== undefined) {
        if (currentEtag === undefined) return false;
        if (ifMatch === "*") return true;
        const current = opaqueTag(currentEtag);
        return (
          !isWeak(currentEtag) && ifMatch.some((tag) => !isWeak(tag) && opaqueTag(tag) === current)
        );
      }
      if (lastModified === undefined || ifUnmodifiedSince === undefined) return false;
      return (
        Math.floor(lastModified.getTime() / 1000) <= Math.floor(ifUnmodifiedSince.getTime() / 1000)
      );
    },
  };
}

/**
 * A GET's success with the caching `x-cache` declares: `Cache-Control` and `Vary` added, an
 * `ETag` (the handler's, or a SHA-256 of the bytes sent), and a 304 without a body when
 * `If-None-Match` names it (weak comparison, RFC 9110 §13.1.2). Errors pass unchanged.
 */
export function cachedRead(
  cache: CacheContract,
  headers: IncomingHeaders,
  response: ServerResponse,
  handlerEtag: unknown,
  nativeSha256: Sha256 | undefined,
): ServerResponse {
  if (response.status < 200 || response.status > 299) return response;
  if (cache.cacheControl !== undefined && !response.headers.has("cache-control"))
    response.headers.set("cache-control", cache.cacheControl);
  if (cache.vary !== undefined) addVary(response.headers, cache.vary);
  if (cache.etag === undefined) return response;
  const etag =
    response.headers.get("etag") ?? entityTag(cache.etag, handlerEtag, response.body, nativeSha256);
  response.headers.set("etag", etag);
  const wanted = parseEntityTags(headerValue(headers, "if-none-match"));
  if (wanted === undefined) return response;
  const current = opaqueTag(etag);
  if (wanted !== "*" && !wanted.some((tag) => opaqueTag(tag) === current)) return response;
  const notModified: ServerResponse = { status: 304, headers: new Map(), body: undefined };
  for (const name of ["etag", "cache-control", "vary", "content-location", "expires", "date"]) {
    const value = response.headers.get(name);
    if (value !== undefined) notModified.headers.set(name, value);
  }
  return notModified;
}

/** RFC 9110 §8.8.3 `etagc`, kept to visible ASCII (what a sent header may carry): one definition for reading and writing tags. */
const ETAGC = "[\\x21\\x23-\\x7e]";
const ENTITY_TAG = new RegExp(`^(?:W/)?"${ETAGC}*"$`);
const ENTITY_TAGS = new RegExp(`(?:W/)?"${ETAGC}*"`, "g");
const OPAQUE = new RegExp(`^${ETAGC}+$`);

/** The `ETag` of a response: the handler's tag (quoted when it is not) or a hash of the body. */
function entityTag(
  strength: "strong" | "weak",
  handlerEtag: unknown,
  body: string | Uint8Array | undefined,
  nativeSha256: Sha256 | undefined,
): string {
  const prefix = strength === "weak" ? "W/" : "";
  if (typeof handlerEtag === "string" && handlerEtag !== "") {
    if (ENTITY_TAG.test(handlerEtag)) return handlerEtag;
    if (!OPAQUE.test(handlerEtag))
      throw new TypeError(
        `a handler returned an etag that is not an entity tag: ${JSON.stringify(handlerEtag)} (use visible ASCII without quotes)`,
      );
    return `${prefix}"${handlerEtag}"`;
  }
  const bytes = body ?? "";
  const digest = nativeSha256 === undefined ? toBase64Url(sha256(bytes)) : nativeSha256([bytes]);
  return `${prefix}"${digest}"`;
}

/** `Vary` with the declared names added once each (names compare without case). */
function addVary(headers: Map<string, string>, names: readonly string[]): void {
  const present = (headers.get("vary") ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (present.includes("*")) return;
  const lower = new Set(present.map((name) => name.toLowerCase()));
  for (const name of names) if (!lower.has(name.toLowerCase())) present.push(name);
  if (present.length > 0) headers.set("vary", present.join(", "));
}

/** `If-Match` / `If-None-Match`: `*`, or the entity tags listed (malformed members dropped). */
export function parseEntityTags(value: string | undefined): readonly string[] | "*" | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (value.trim() === "*") return "*";
  return value.match(ENTITY_TAGS) ?? [];
}

function isWeak(tag: string): boolean {
  return tag.startsWith("W/");
}

function opaqueTag(tag: string): string {
  return isWeak(tag) ? tag.slice(2) : tag;
}
