/** JSON pointers (RFC 6901), written in URI-fragment form as `#/a/b`. */

/**
 * A token as it stands in a URI-fragment pointer: `~` and `/` escaped (RFC 6901), and `%` written
 * `%25` (RFC 3986), so `parsePointer`, which decodes percent-escapes, reads back the same token.
 */
export function escapeToken(token: string): string {
  if (!token.includes("~") && !token.includes("/") && !token.includes("%")) return token;
  return token.replaceAll("~", "~0").replaceAll("/", "~1").replaceAll("%", "%25");
}

export function unescapeToken(token: string): string {
  if (!token.includes("~")) return token;
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

export function pointer(...tokens: ReadonlyArray<string | number>): string {
  return "#" + tokens.map((token) => "/" + escapeToken(String(token))).join("");
}

/** Splits `#/a/b` (or `/a/b`) into its unescaped tokens. */
export function parsePointer(value: string): string[] {
  const body = value.startsWith("#") ? value.slice(1) : value;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((token) => unescapeToken(decodeURIComponentSafe(token)));
}

function decodeURIComponentSafe(token: string): string {
  if (!token.includes("%")) return token;
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/**
 * The value a JSON pointer names in a document, through own properties only (`__proto__` and
 * `constructor` name nothing unless the document has them), or undefined. The one pointer walk.
 */
export function valueAtPointer(document: unknown, value: string): unknown {
  let node = document;
  for (const token of parsePointer(value)) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
