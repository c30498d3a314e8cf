/**
 * How a parameter value is written as text (OpenAPI 3 "style values"): the one scalar rule for
 * every location. Strings, numbers, booleans and bigints as `String` writes them; a `Date` as its
 * ISO 8601 instant. Anything else cannot be a scalar: a `TypeError` naming the parameter, never
 * a silent `[object Object]` or a dropped value.
 */
export function scalarText(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${where} is an invalid Date`);
    return value.toISOString();
  }
  throw new TypeError(`${where} cannot be written as text: ${describe(value)}`);
}

/** A plain object (not an array, a Date or null): what the object styles write. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** The items of a list, `undefined` and `null` left out, each as text. */
export function listItems(value: readonly unknown[], where: string): string[] {
  return value
    .filter((item) => item !== undefined && item !== null)
    .map((item, index) => scalarText(item, `${where}[${index}]`));
}

/** The entries of a map, `undefined` and `null` values left out, each value as text. */
export function mapEntries(value: Record<string, unknown>, where: string): Array<[string, string]> {
  return Object.entries(value)
    .filter(([, item]) => item !== undefined && item !== null)
    .map(([key, item]) => [key, scalarText(item, `${where}.${key}`)]);
}

/**
 * The `simple` style (paths and headers): `a,b` for a list; `k,v,k2,v2` for a map, or
 * `k=v,k2=v2` exploded. `encode` is applied to each name and value.
 */
export function simpleStyle(
  value: unknown,
  explode: boolean,
  where: string,
  encode: (text: string) => string,
): string {
  if (Array.isArray(value)) return listItems(value, where).map(encode).join(",");
  if (isPlainObject(value)) {
    const entries = mapEntries(value, where);
    return explode
      ? entries.map(([key, item]) => `${encode(key)}=${encode(item)}`).join(",")
      : entries.flatMap(([key, item]) => [encode(key), encode(item)]).join(",");
  }
  return encode(scalarText(value, where));
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a nested list";
  if (value === null) return "null";
  return typeof value === "object" ? "a nested object" : `a ${typeof value}`;
}
