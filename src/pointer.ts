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

/** A token as written when its percent-escapes do not decode (`100%`, `%A0`): the loader reads such a `%` as itself. */
function decodeURIComponentSafe(token: string): string {
  return percentDecodes(token) ? decodeURIComponent(token) : token;
}

/** Whether `decodeURIComponent` reads the text: each `%` starts an escape, and the escapes spell UTF-8. */
export function percentDecodes(text: string): boolean {
  if (!text.includes("%")) return true;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
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
