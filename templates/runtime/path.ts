/** A value that can stand in a path segment as it is. */
export type PathValue = string | number | boolean | bigint;

/**
 * Fills a path template such as `/users/{userId}/orders` with values, each percent-encoded so
 * it stays inside its own segment (`/` and `?` in a value cannot change the route). Lists and
 * maps are written in the `simple` style paths use by default (`a,b`, `k,v,k2,v2`).
 */
export function expandPath(template: string, values: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || value === null) {
      throw new TypeError(`missing path parameter ${JSON.stringify(name)} for ${template}`);
    }
    return simpleStyle(value, name);
  });
}

function simpleStyle(value: unknown, name: string): string {
  if (isPathValue(value)) return encodeURIComponent(String(value));
  const items = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null
      ? Object.entries(value).flat()
      : [value];
  if (!items.every(isPathValue)) {
    throw new TypeError(`path parameter ${JSON.stringify(name)} cannot be written into a URL`);
  }
  return items.map((item) => encodeURIComponent(String(item))).join(",");
}

function isPathValue(value: unknown): value is PathValue {
  return ["string", "number", "boolean", "bigint"].includes(typeof value);
}
