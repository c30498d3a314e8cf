import type { ParameterContract } from "./contract.js";
import { isPlainObject, listItems, mapEntries, simpleStyle } from "./style.js";

/**
 * Fills a path template such as `/users/{userId}/orders` with values, each percent-encoded so
 * it stays inside its own segment (`/` and `?` in a value cannot change the route). Values are
 * written in the style the contract declares for the parameter (`simple` by default: `a,b`,
 * `k,v`; `label`: `.a.b`; `matrix`: `;id=a,b`), exploded or not.
 */
export function expandPath(
  template: string,
  values: Readonly<Record<string, unknown>>,
  declared: readonly ParameterContract[] = [],
): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || value === null) {
      throw new TypeError(`missing path parameter ${JSON.stringify(name)} for ${template}`);
    }
    const parameter = declared.find((entry) => entry.in === "path" && entry.name === name);
    return pathSegment(value, name, parameter?.style ?? "simple", parameter?.explode ?? false);
  });
}

function pathSegment(value: unknown, name: string, style: string, explode: boolean): string {
  const where = `path parameter ${JSON.stringify(name)}`;
  const encode = encodeURIComponent;
  if (style === "label") {
    if (!explode || !(Array.isArray(value) || isPlainObject(value)))
      return `.${simpleStyle(value, explode, where, encode)}`;
    const parts = Array.isArray(value)
      ? listItems(value, where).map(encode)
      : mapEntries(value, where).map(([key, item]) => `${encode(key)}=${encode(item)}`);
    return parts.map((part) => `.${part}`).join("");
  }
  if (style === "matrix") {
    if (Array.isArray(value) && explode)
      return listItems(value, where)
        .map((item) => `;${encode(name)}=${encode(item)}`)
        .join("");
    if (isPlainObject(value) && explode)
      return mapEntries(value, where)
        .map(([key, item]) => `;${encode(key)}=${encode(item)}`)
        .join("");
    return `;${encode(name)}=${simpleStyle(value, false, where, encode)}`;
  }
  return simpleStyle(value, explode, where, encode);
}
