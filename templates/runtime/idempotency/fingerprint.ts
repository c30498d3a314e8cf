import { toBase64Url } from "../base64.js";

/**
 * What makes two requests "the same" under one key: what the router matched (the operation and
 * its decoded path parameters) and the body. JSON bodies are compared canonically (object keys
 * sorted, no whitespace), so key order and formatting do not matter; other bodies byte for byte.
 * The body's depth is bounded before this runs (`depthLimit`). Hashed by `sha256` where the
 * platform has a native synchronous one (Node adapters pass `node:crypto`'s), else by Web Crypto.
 */
export function fingerprint(
  sha256: Sha256 | undefined,
  target: string,
  body: unknown,
): string | Promise<string> {
  return body instanceof Uint8Array
    ? digest(sha256, `${target}\n`, body)
    : digest(sha256, `${target}\n${canonicalJson(body)}`);
}

/** A synchronous SHA-256 of the concatenated parts (text as UTF-8), in base64url without padding. */
export type Sha256 = (parts: ReadonlyArray<string | Uint8Array>) => string;

const encoder = new TextEncoder();

/**
 * SHA-256 of the concatenated parts, base64url: at once by `sha256` when given (no thread hop, no
 * promise to settle), else a promise of Web Crypto's.
 */
export function digest(
  sha256: Sha256 | undefined,
  ...parts: ReadonlyArray<string | Uint8Array>
): string | Promise<string> {
  return sha256 !== undefined ? sha256(parts) : webDigest(parts);
}

async function webDigest(parts: ReadonlyArray<string | Uint8Array>): Promise<string> {
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part));
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", joined)));
}

/** JSON with object keys in code-point order at every level (`undefined` members left out, as JSON does). */
export function canonicalJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let text = "[";
    for (let index = 0; index < value.length; index++)
      text += (index === 0 ? "" : ",") + canonicalJson(value[index] ?? null);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let text = "{";
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += (text.length === 1 ? "" : ",") + JSON.stringify(key) + ":" + canonicalJson(member);
  }
  return `${text}}`;
}
