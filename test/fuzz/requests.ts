import fc from "fast-check";
import type { Call } from "../server/serve.js";

/** A request as it goes on the wire: any path spelling, repeated headers, any body bytes. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: Buffer | undefined;
}

type Mutation = (request: WireRequest) => WireRequest;

/** Header values are written as latin1 bytes: a UTF-8 value goes out as its bytes (as browsers and curl send it). */
const wireText = (text: string) => Buffer.from(text.replace(/[\r\n]/g, ""), "utf8").toString("latin1");

/** Text with what breaks parsers: controls, non-Latin-1, surrogates, percent signs, prototype names. */
const nastyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "☕", "\u0001", "\u007f", "\u00e9", "a b", "%", "%zz", "%E2%98", "\\", '"', "", " x ", "\t"),
);

const encoded = nastyText.map((text) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, as the bytes a client could still send
  }
});

const segment = fc.oneof(encoded, fc.constantFrom("%zz", "%E2%98", "%2F", "%2e%2e", "..", ".", "", "%00", "%25", "%6F", "%7F"));

const pathMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>((r) => ({ ...r, path: splitPath(r.path, (path, query) => `${path}/${query}`) })),
  fc.constant<Mutation>((r) => ({ ...r, path: splitPath(r.path, (path, query) => `${path.replace(/\//g, "//")}${query}`) })),
  fc.constant<Mutation>((r) => ({ ...r, path: splitPath(r.path, (path, query) => `${path.toUpperCase()}${query}`) })),
  fc.nat().map<Mutation>((at) => (r) => ({ ...r, path: splitPath(r.path, (path, query) => `${percentEncodeAt(path, at)}${query}`) })),
  fc.tuple(fc.nat(), segment).map<Mutation>(([at, text]) => (r) => ({ ...r, path: splitPath(r.path, (path, query) => `${replaceSegment(path, at, text)}${query}`) })),
  fc.tuple(fc.nat(), segment).map<Mutation>(([at, text]) => (r) => ({ ...r, path: splitPath(r.path, (path, query) => `${insertSegment(path, at, text)}${query}`) })),
);

const queryName = fc.oneof(encoded, fc.constantFrom("__proto__", "constructor", "__proto__[x]", "filter[__proto__]", "filter[owner]", "limit", "cursor", "page", "per_page", "offset", "text", "ids", "tags", "q", "key", "%zz"));
const queryValue = fc.oneof(encoded, fc.constantFrom("%zz", "-1", "0", "101", "1e309", "9007199254740993", "true", "null", "a,b,c", "%E2%98%95", "%01", "x".repeat(5000)));

const queryMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), queryValue).map<Mutation>(([at, value]) => (r) => ({ ...r, path: replaceQueryValue(r.path, at, value) })),
  fc.tuple(queryName, queryValue).map<Mutation>(([name, value]) => (r) => ({ ...r, path: `${r.path}${r.path.includes("?") ? "&" : "?"}${name}=${value}` })),
  fc.constant<Mutation>((r) => ({ ...r, path: r.path.includes("?") ? `${r.path}&${r.path.split("?")[1] ?? ""}` : r.path })),
  fc.constant<Mutation>((r) => ({ ...r, path: r.path.split("?")[0] ?? r.path })),
);

const headerName = fc.constantFrom("x-api-key", "idempotency-key", "content-type", "x-request-id", "authorization", "cookie", "x-note", "x-trace-level", "x-client-id", "accept", "transfer-encoding", "content-length", "x-custom");
const headerValue = fc.oneof(
  nastyText.map(wireText),
  fc.constantFrom("k1", "k2", '"k1"', '"k1", "k2"', "k1, k2", "tenant-a", "tenant-b", "key-1", "Bearer good-token", "Bearer token-1", "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "session=deadbeef", "__proto__=1"),
);

const headerMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), headerValue).map<Mutation>(([at, value]) => (r) => ({ ...r, headers: r.headers.map((header, index) => (index === at % Math.max(1, r.headers.length) ? [header[0], value] : header)) })),
  fc.tuple(headerName, headerValue).map<Mutation>(([name, value]) => (r) => ({ ...r, headers: [...r.headers, [name, value]] })),
  fc.tuple(headerName, headerValue).map<Mutation>(([name, value]) => (r) => ({ ...r, headers: [...r.headers.filter(([n]) => n !== name), [name, value]] })),
  fc.nat().map<Mutation>((at) => (r) => {
    const header = r.headers[at % Math.max(1, r.headers.length)];
    return header === undefined ? r : { ...r, headers: [...r.headers, header] };
  }),
  fc.constant<Mutation>((r) => ({ ...r, headers: [...r.headers, ["x-large", "y".repeat(20_000)]] })),
);

const deep = (depth: number, open: string, close: string, leaf: string) => `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;

const bodyText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.integer({ min: 10, max: 3000 }).map((depth) => `{"item":"a","qty":1,"amount":1,"code":"aa","metadata":{"x":${deep(depth, "[", "]", "1")}}}`),
  fc.integer({ min: 10, max: 3000 }).map((depth) => deep(depth, '{"a":', "}", "1")),
  fc.integer({ min: 100, max: 5000 }).map((width) => JSON.stringify(Object.fromEntries(Array.from({ length: width }, (_, index) => [`k${index}`, index])))),
  fc.constantFrom('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"item":"a","qty":1}', '{"item":"a","qty":1,"__proto__":null}', "{", "[1,", "\u0000", '"unterminated', "null", "", "a".repeat(300), '{"code":"' + "a".repeat(60) + '!"}'),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
);

const bodyMutation: fc.Arbitrary<Mutation> = fc.oneof(
  bodyText.map<Mutation>((text) => (r) => ({ ...r, body: Buffer.from(text, "utf8") })),
  fc.uint8Array({ maxLength: 64 }).map<Mutation>((bytes) => (r) => ({ ...r, body: Buffer.from(bytes) })),
  fc.constant<Mutation>((r) => ({ ...r, body: undefined })),
  // One byte over the default body limit (1 MiB).
  fc.constant<Mutation>((r) => ({ ...r, body: Buffer.alloc(1024 * 1024 + 1, 0x20) })),
);

const methodMutation: fc.Arbitrary<Mutation> = fc
  .constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "TRACE")
  .map<Mutation>((method) => (r) => ({ ...r, method }));

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: pathMutation },
  { weight: 3, arbitrary: queryMutation },
  { weight: 3, arbitrary: headerMutation },
  { weight: 3, arbitrary: bodyMutation },
  { weight: 1, arbitrary: methodMutation },
);

/** A request grown from one of a fixture's valid calls by up to four mutations. */
export function requestFrom(calls: readonly Call[]): fc.Arbitrary<WireRequest> {
  return fc
    .tuple(fc.constantFrom(...calls), fc.array(mutation, { maxLength: 4 }))
    .map(([call, mutations]) => mutations.reduce((request, mutate) => mutate(request), fromCall(call)));
}

function fromCall(call: Call): WireRequest {
  const headers: Array<[string, string]> = Object.entries(call.headers ?? {});
  let body: Buffer | undefined;
  if (call.body !== undefined) {
    body = Buffer.from(typeof call.body === "string" ? call.body : JSON.stringify(call.body), "utf8");
    if (!headers.some(([name]) => name.toLowerCase() === "content-type")) headers.push(["content-type", "application/json"]);
  }
  return { method: call.method, path: call.path, headers, body };
}

function splitPath(full: string, rebuild: (path: string, query: string) => string): string {
  const at = full.indexOf("?");
  return at < 0 ? rebuild(full, "") : rebuild(full.slice(0, at), full.slice(at));
}

/** The query with one existing parameter's value replaced (the request's own names are the ones handlers read). */
function replaceQueryValue(full: string, at: number, value: string): string {
  const [path = "", query] = full.split("?");
  if (query === undefined || query === "") return full;
  const pairs = query.split("&");
  const index = at % pairs.length;
  pairs[index] = `${(pairs[index] ?? "").split("=")[0] ?? ""}=${value}`;
  return `${path}?${pairs.join("&")}`;
}

function percentEncodeAt(path: string, at: number): string {
  const index = at % Math.max(1, path.length);
  const char = path.charAt(index);
  if (char === "/" || char === "" || char === "%") return path;
  const hex = char.charCodeAt(0).toString(16).padStart(2, "0");
  return `${path.slice(0, index)}%${at % 2 === 0 ? hex.toUpperCase() : hex}${path.slice(index + 1)}`;
}

function replaceSegment(path: string, at: number, text: string): string {
  const segments = path.split("/");
  segments[1 + (at % Math.max(1, segments.length - 1))] = text;
  return segments.join("/");
}

function insertSegment(path: string, at: number, text: string): string {
  const segments = path.split("/");
  segments.splice(1 + (at % segments.length), 0, text);
  return segments.join("/");
}
