import { toBase64Url } from "../base64.js";

/**
 * What makes two requests "the same" under one key: what the router matched (the operation and
 * its decoded path parameters) and the body. JSON bodies are compared canonically (object keys
 * sorted, no whitespace), so key order and formatting do not matter; other bodies byte for byte.
 * The body's depth is bounded before this runs (`depthLimit`). Hashed by `sha256` where the
 * platform has a native synchronous one (Node adapters pass `node:crypto`'s), else by Web Crypto.
 */
export async function fingerprint(
  sha256: Sha256 | undefined,
  target: string,
  body: unknown,
): Promise<string> {
  return digest(sha256, `${target}\n`, body instanceof Uint8Array ? body : canonicalJson(body));
}

/** A synchronous SHA-256 of the concatenated parts (text as UTF-8), in base64url without padding. */
export type Sha256 = (parts: ReadonlyArray<string | Uint8Array>) => string;

const encoder = new TextEncoder();

/**
 * SHA-256 of the concatenated parts, base64url: by `sha256` when given (no thread hop, no
 * promise to settle), else by Web Crypto.
 */
export async function digest(
  sha256: Sha256 | undefined,
  ...parts: ReadonlyArray<string | Uint8Array>
): Promise<string> {
  if (sha256 !== undefined) return sha256(parts);
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part));
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", joined)));
}

/** JSON with object keys in code-point order at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
