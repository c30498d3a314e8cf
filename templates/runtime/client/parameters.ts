import type { ParameterContract } from "../contract.js";
import { isPlainObject, listItems, mapEntries, scalarText, simpleStyle } from "../style.js";

type Pair = [name: string, value: string];

const DELIMITERS: Readonly<Record<string, string>> = {
  form: ",",
  spaceDelimited: " ",
  pipeDelimited: "|",
};

/**
 * Serializes query parameters as the contract declares them (OpenAPI 3 "style values"): `form`,
 * `spaceDelimited` and `pipeDelimited`, exploded (`id=3&id=4`, `role=admin`) or not (`id=3,4`,
 * `id=3%204`, `id=role,admin`); `deepObject` at any depth (`filter[owner][name]=x`, lists of
 * scalars as `ids[]=1&ids[]=2`, lists of objects indexed: `items[0][price]=p`). Names and values
 * are percent-encoded; `undefined` and `null` are left out. A value no style can write (a
 * nested object where the style is flat, a function, an invalid Date) is a `TypeError` naming
 * the parameter.
 */
export function serializeQuery(
  declared: readonly ParameterContract[],
  values: Readonly<Record<string, unknown>> | undefined,
): string {
  if (values === undefined) return "";
  const pairs: Pair[] = [];
  for (const parameter of declared) {
    if (parameter.in !== "query" || !Object.hasOwn(values, parameter.name)) continue;
    const value = values[parameter.name];
    if (value === undefined || value === null) continue;
    pairs.push(...queryPairs(parameter, value));
  }
  return pairs
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
}

function queryPairs(parameter: ParameterContract, value: unknown): Pair[] {
  const { name, explode } = parameter;
  const where = `query parameter ${JSON.stringify(name)}`;
  if (parameter.style === "deepObject") return deepPairs(name, value, where);
  const delimiter = DELIMITERS[parameter.style] ?? ",";
  if (Array.isArray(value)) {
    const items = listItems(value, where);
    return explode ? items.map((item) => [name, item]) : [[name, items.join(delimiter)]];
  }
  if (isPlainObject(value)) {
    const entries = mapEntries(value, where);
    if (explode && parameter.style === "form") return entries;
    return [[name, entries.flat().join(delimiter)]];
  }
  return [[name, scalarText(value, where)]];
}

/** `deepObject`: every leaf under its bracketed path. */
function deepPairs(prefix: string, value: unknown, where: string): Pair[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const present = value.filter((item) => item !== undefined && item !== null);
    if (present.every((item) => !Array.isArray(item) && !isPlainObject(item)))
      return listItems(present, where).map((item) => [`${prefix}[]`, item]);
    return present.flatMap((item, index) =>
      deepPairs(`${prefix}[${index}]`, item, `${where}[${index}]`),
    );
  }
  if (isPlainObject(value))
    return Object.entries(value).flatMap(([key, item]) =>
      deepPairs(`${prefix}[${key}]`, item, `${where}.${key}`),
    );
  return [[prefix, scalarText(value, where)]];
}

/** Header parameters in the `simple` style, by name; `undefined` and `null` left out. */
export function headerParameters(
  declared: readonly ParameterContract[],
  values: Readonly<Record<string, unknown>> | undefined,
): Pair[] {
  return commaJoined(declared, "header", values);
}

/**
 * Cookie parameters in the `form` style: `name=value`, a list or map comma-joined into one
 * value (the caller percent-encodes it so it cannot end the cookie).
 */
export function cookieParameters(
  declared: readonly ParameterContract[],
  values: Readonly<Record<string, unknown>> | undefined,
): Pair[] {
  return commaJoined(declared, "cookie", values);
}

/** Each present value as text: a scalar as it is, a list or map comma-joined (a map's entries `k=v` when a header explodes). */
function commaJoined(
  declared: readonly ParameterContract[],
  location: "header" | "cookie",
  values: Readonly<Record<string, unknown>> | undefined,
): Pair[] {
  return present(declared, location, values).map(([parameter, value]) => [
    parameter.name,
    simpleStyle(
      value,
      location === "header" && parameter.explode,
      `${location} parameter ${JSON.stringify(parameter.name)}`,
      (text) => text,
    ),
  ]);
}

function present(
  declared: readonly ParameterContract[],
  location: ParameterContract["in"],
  values: Readonly<Record<string, unknown>> | undefined,
): Array<[ParameterContract, unknown]> {
  if (values === undefined) return [];
  return declared.flatMap((parameter): Array<[ParameterContract, unknown]> => {
    if (parameter.in !== location || !Object.hasOwn(values, parameter.name)) return [];
    const value = values[parameter.name];
    return value === undefined || value === null ? [] : [[parameter, value]];
  });
}
