import { createHash } from "node:crypto";

/**
 * What makes two requests "the same" under one key: what the router matched (the operation and
 * its decoded path parameters) and the body. JSON bodies are compared canonically (object keys
 * sorted, no whitespace), so key order and formatting do not matter; other bodies byte for byte.
 * The body's depth is bounded before this runs (`depthLimit`).
 */
export function fingerprint(target: string, body: unknown): string {
  const hash = createHash("sha256").update(`${target}\n`);
  if (body instanceof Uint8Array) hash.update(body);
  else hash.update(canonicalJson(body));
  return hash.digest("base64url");
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
