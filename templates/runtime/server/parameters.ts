import type { ParameterContract } from "../contract.js";
import { HttpError, pointerTo, type ErrorDetail } from "./errors.js";
import { headerValue, type IncomingHeaders } from "./http.js";
import { dataRecord, setOwn } from "./own.js";

/** Raw parameter text of one request, before anything is typed. */
export interface RawParameters {
  /** Captured path segments, still percent-encoded. */
  path: ReadonlyMap<string, string>;
  query: QueryPairs;
  headers: IncomingHeaders;
  cookies: ReadonlyMap<string, string>;
}

export type QueryPairs = ReadonlyArray<readonly [string, string]>;

export type ParameterValues = Record<
  "path" | "query" | "header" | "cookie",
  Record<string, unknown>
>;

/** The values of a location the operation declares no parameter in: nothing reads or writes them. */
const NO_VALUES: Record<string, unknown> = Object.freeze(dataRecord());

export type ParameterLocation = ParameterContract["in"];

/** The order parameters are read and checked in. */
const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];

/** An operation's parameters as a request reads them, worked out once per operation. */
export interface ParameterPlan {
  /** The locations it declares parameters in, in reading order, each with its parameters in declaration order. */
  readonly locations: ReadonlyArray<readonly [ParameterLocation, readonly ParameterContract[]]>;
  /** The names of the query parameters: an exploded object parameter takes every other pair. */
  readonly queryNames: ReadonlySet<string>;
}

export function parameterPlan(declared: readonly ParameterContract[]): ParameterPlan {
  const locations = LOCATIONS.map(
    (location) => [location, declared.filter((parameter) => parameter.in === location)] as const,
  ).filter(([, parameters]) => parameters.length > 0);
  const query = locations.find(([location]) => location === "query")?.[1] ?? [];
  return { locations, queryNames: new Set(query.map((parameter) => parameter.name)) };
}

/**
 * Reads every declared parameter from its location according to its `style`, `explode` and
 * shape (OpenAPI 3 §4.8.12.4), giving strings, string arrays and string maps; typing to integers,
 * booleans and so on is left to schema validation. Undeclared parameters are not passed on. A
 * location with a declared parameter gets a record of its own (which validation may add defaults
 * to), whether or not the request sent any; the others share one frozen, empty record. A request
 * without a query string reads no query parameter: each would be absent.
 */
export function readParameters(plan: ParameterPlan, raw: RawParameters): ParameterValues {
  const values: ParameterValues = {
    path: NO_VALUES,
    query: NO_VALUES,
    header: NO_VALUES,
    cookie: NO_VALUES,
  };
  for (const [location, parameters] of plan.locations) {
    const record = (values[location] = dataRecord());
    if (location === "query" && raw.query.length === 0) continue;
    for (const parameter of parameters) {
      const value = readOne(parameter, raw, plan.queryNames);
      if (value !== undefined) setOwn(record, parameter.name, value);
    }
  }
  return values;
}

function readOne(
  parameter: ParameterContract,
  raw: RawParameters,
  claimed: ReadonlySet<string>,
): unknown {
  switch (parameter.in) {
    case "path": {
      const text = raw.path.get(parameter.name);
      return text === undefined ? undefined : readPath(parameter, decodeComponent(text, parameter));
    }
    case "query":
      return readQuery(parameter, raw.query, claimed);
    case "header": {
      const text = headerValue(raw.headers, parameter.name.toLowerCase());
      return text === undefined ? undefined : readSimple(parameter, text);
    }
    case "cookie": {
      const text = raw.cookies.get(parameter.name);
      return text === undefined ? undefined : readDelimited(parameter, text, ",");
    }
  }
}

function readPath(parameter: ParameterContract, text: string): unknown {
  if (parameter.style === "label") {
    const body = text.startsWith(".") ? text.slice(1) : text;
    return parameter.shape === "scalar"
      ? body
      : readDelimited(parameter, body, parameter.explode ? "." : ",");
  }
  if (parameter.style === "matrix") {
    const prefix = `;${parameter.name}=`;
    if (parameter.shape === "array" && parameter.explode) {
      return text
        .split(";")
        .filter((part) => part !== "")
        .map((part) => part.slice(part.indexOf("=") + 1));
    }
    const body = text.startsWith(prefix) ? text.slice(prefix.length) : text;
    return parameter.shape === "scalar" ? body : readDelimited(parameter, body, ",");
  }
  return readSimple(parameter, text);
}

/** `simple` style: `a,b,c` for lists; `k,v,k2,v2` (or `k=v,k2=v2` exploded) for maps. */
function readSimple(parameter: ParameterContract, text: string): unknown {
  if (parameter.shape === "object" && parameter.explode) {
    const object = dataRecord();
    for (const part of text.split(",")) {
      const at = part.indexOf("=");
      if (at > 0) setOwn(object, part.slice(0, at).trim(), part.slice(at + 1).trim());
    }
    return object;
  }
  return readDelimited(parameter, text, ",");
}

function readDelimited(parameter: ParameterContract, text: string, delimiter: string): unknown {
  if (parameter.shape === "scalar") return text;
  const parts = text === "" ? [] : text.split(delimiter).map((part) => part.trim());
  return parameter.shape === "array" ? parts : pairsToObject(parts);
}

function readQuery(
  parameter: ParameterContract,
  pairs: QueryPairs,
  claimed: ReadonlySet<string>,
): unknown {
  if (pairs.length === 0) return undefined;
  const { name, style, explode, shape } = parameter;
  if (shape === "object") {
    if (style === "deepObject") {
      const object = dataRecord();
      let found = false;
      for (const [key, value] of pairs) {
        if (key.startsWith(`${name}[`) && key.endsWith("]")) {
          setOwn(object, key.slice(name.length + 1, -1), value);
          found = true;
        }
      }
      return found ? object : undefined;
    }
    if (explode) {
      const object = dataRecord();
      const own = pairs.filter(([key]) => !claimed.has(key));
      for (const [key, value] of own) setOwn(object, key, value);
      return own.length > 0 ? object : undefined;
    }
  }
  const values = pairs.filter(([key]) => key === name).map(([, value]) => value);
  if (values.length === 0) return undefined;
  if (shape === "scalar") return values.length === 1 ? values[0] : values;
  if (shape === "array" && explode && style === "form") return values;
  const delimiter = style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ",";
  return readDelimited(parameter, values.join(delimiter), delimiter);
}

function pairsToObject(parts: readonly string[]): Record<string, unknown> {
  const object = dataRecord();
  for (let index = 0; index + 1 < parts.length; index += 2)
    setOwn(object, parts[index] ?? "", parts[index + 1]);
  return object;
}

function decodeComponent(text: string, parameter: ParameterContract): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw malformed(parameter.in, parameter.name, "is not valid percent-encoded UTF-8");
  }
}

/**
 * Splits a raw query string into decoded `[name, value]` pairs in order (`+` is a space, as in
 * HTML forms). Malformed percent-encoding is a 400, not a crash.
 */
export function parseQuery(query: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (query === "") return pairs;
  for (const part of query.split("&")) {
    if (part === "") continue;
    const at = part.indexOf("=");
    const rawName = at < 0 ? part : part.slice(0, at);
    const rawValue = at < 0 ? "" : part.slice(at + 1);
    try {
      pairs.push([
        decodeURIComponent(rawName.replace(/\+/g, " ")),
        decodeURIComponent(rawValue.replace(/\+/g, " ")),
      ]);
    } catch {
      throw malformed("query", rawName, "is not valid percent-encoded UTF-8");
    }
  }
  return pairs;
}

/** Reads a `Cookie` header into names and values; the first of two same-named cookies wins. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    let value = part.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

function malformed(location: ErrorDetail["location"], name: string, problem: string): HttpError {
  const detail: ErrorDetail = {
    location,
    pointer: pointerTo(name),
    field: name,
    code: "encoding",
    message: problem,
  };
  return new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", [detail]);
}
