/** A value that can stand in a path segment. */
export type PathValue = string | number | boolean | bigint;

/**
 * Fills a path template such as `/users/{userId}/orders` with values, each percent-encoded so
 * it stays inside its own segment (`/` and `?` in a value cannot change the route).
 */
export function expandPath(template: string, values: Readonly<Record<string, PathValue>>): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) {
      throw new TypeError(`missing path parameter ${JSON.stringify(name)} for ${template}`);
    }
    return encodeURIComponent(String(values[name]));
  });
}
