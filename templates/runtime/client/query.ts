import type { ParameterContract } from "../contract.js";

type Scalar = string | number | boolean | bigint;

/**
 * Serializes query parameters as the contract declares them (OpenAPI 3 §4.8.12.4): `form`
 * (exploded or comma-joined), `spaceDelimited`, `pipeDelimited`, `deepObject`. Names and values
 * are percent-encoded; `undefined` and `null` are left out.
 */
export function serializeQuery(
  declared: readonly ParameterContract[],
  values: Readonly<Record<string, unknown>> | undefined,
): string {
  if (values === undefined) return "";
  const parts: string[] = [];
  const pair = (name: string, value: string) =>
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  for (const parameter of declared) {
    if (parameter.in !== "query" || !Object.hasOwn(values, parameter.name)) continue;
    const value = values[parameter.name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const items = value
        .filter((item) => item !== undefined && item !== null)
        .map((item) => String(item as Scalar));
      if (parameter.style === "form" && parameter.explode)
        for (const item of items) pair(parameter.name, item);
      else
        pair(
          parameter.name,
          items.join(
            parameter.style === "spaceDelimited"
              ? " "
              : parameter.style === "pipeDelimited"
                ? "|"
                : ",",
          ),
        );
    } else if (typeof value === "object") {
      const entries = Object.entries(value).filter(
        ([, item]) => item !== undefined && item !== null,
      );
      if (parameter.style === "deepObject")
        for (const [key, item] of entries)
          pair(`${parameter.name}[${key}]`, String(item as Scalar));
      else if (parameter.explode)
        for (const [key, item] of entries) pair(key, String(item as Scalar));
      else
        pair(
          parameter.name,
          entries.flatMap(([key, item]) => [key, String(item as Scalar)]).join(","),
        );
    } else {
      pair(parameter.name, String(value as Scalar));
    }
  }
  return parts.join("&");
}
