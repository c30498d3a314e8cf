import { canonicalPath } from "./routes.js";

/**
 * An RFC 8288 `Link` header value: each target is the request's own path with its query
 * parameters kept (in order) and the page parameters replaced; every name and value is
 * percent-encoded, so nothing a client sent can end the URI reference or add a link.
 */
export function linkHeader(
  path: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  links: ReadonlyArray<{ rel: "next" | "prev" | "first"; set: Readonly<Record<string, string>> }>,
): string | undefined {
  const parts = links.map(({ rel, set }) => {
    const replaced = new Set(Object.keys(set));
    const query = [...pairs.filter(([name]) => !replaced.has(name)), ...Object.entries(set)].map(
      ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
    );
    return `<${safePath(path)}${query.length > 0 ? `?${query.join("&")}` : ""}>; rel="${rel}"`;
  });
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** The path in one spelling, with anything that could end the URI reference (`>`, quotes, spaces) encoded. */
function safePath(path: string): string {
  return canonicalPath(path).replace(/[<>"\s\\^`{|}]/g, (char) => encodeURIComponent(char));
}
