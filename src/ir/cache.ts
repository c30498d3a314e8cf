import type { CachePolicy, Operation } from "./model.js";
import { BuildContext, isRecord } from "./context.js";
import { parseDuration } from "./duration.js";
import { escapeToken } from "../pointer.js";

/** Cache-Control directives `x-cache` takes on a read, in the order they are sent: durations first, then flags. */
const DURATIONS = ["max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"] as const;
const FLAGS = ["public", "private", "no-cache", "no-store", "must-revalidate", "immutable"] as const;
const READ_KEYS = new Set<string>([...DURATIONS, ...FLAGS, "etag", "vary"]);
const WRITES = new Set(["put", "patch", "delete"]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `x-cache` (DESIGN.md): on a GET, the `Cache-Control` directives its successes carry, its ETag
 * (`strong`, the default; `weak`; or `false`) and `Vary`; on a PUT, PATCH or DELETE,
 * `precondition: optional | required` (an `If-Match` the server checks; required: 428 without
 * one). Explicit only: nothing in a contract's shape says how long a response stays fresh.
 */
export function buildCache(
  extension: unknown,
  shape: Pick<Operation, "method">,
  pointer: string,
  context: BuildContext,
): CachePolicy | undefined {
  if (extension === undefined || extension === false) return undefined;
  if (!isRecord(extension)) throw context.error("x-cache must be an object or false", pointer, "write e.g. { max-age: 60s, etag: strong } on a GET, or { precondition: required } on a write");
  if (WRITES.has(shape.method)) return precondition(extension, shape, pointer, context);
  if (shape.method !== "get") {
    throw context.error(`x-cache does not apply to ${shape.method.toUpperCase()}`, pointer, "put x-cache on a GET (caching) or on a PUT, PATCH or DELETE (preconditions)");
  }
  for (const key of Object.keys(extension)) {
    if (!READ_KEYS.has(key)) {
      const hint = key === "precondition" ? "preconditions belong on the PUT, PATCH or DELETE that changes the resource" : `use ${[...READ_KEYS].join(", ")}`;
      throw context.error(`x-cache has no ${JSON.stringify(key)} on a GET`, `${pointer}/${escapeToken(key)}`, hint);
    }
  }
  const directives: string[] = [];
  for (const name of DURATIONS) {
    const value = extension[name];
    if (value === undefined) continue;
    const ms = value === 0 ? 0 : parseDuration(value);
    if (ms === undefined || ms % 1000 !== 0) throw context.error(`x-cache ${name} is not a whole number of seconds`, `${pointer}/${name}`, "write seconds as a number (60), or a string such as 60s, 5m, 1h");
    directives.push(`${name}=${ms / 1000}`);
  }
  for (const name of FLAGS) {
    const value = extension[name];
    if (value === undefined || value === false) continue;
    if (value !== true) throw context.error(`x-cache ${name} must be true or false`, `${pointer}/${name}`, `write ${name}: true`);
    directives.push(name);
  }
  if (extension["public"] === true && extension["private"] === true) {
    throw context.error("x-cache says both public and private", `${pointer}/private`, "keep one: private for per-user responses, public for shared caches");
  }
  const etag = extension["etag"] ?? "strong";
  if (etag !== "strong" && etag !== "weak" && etag !== false) {
    throw context.error(`x-cache etag ${JSON.stringify(etag)} is not strong, weak or false`, `${pointer}/etag`, "write etag: strong (byte-for-byte), weak (equivalent content) or false (no ETag)");
  }
  const vary = extension["vary"] ?? [];
  if (!Array.isArray(vary) || vary.some((name) => typeof name !== "string" || !TOKEN.test(name))) {
    throw context.error("x-cache vary must be a list of header names", `${pointer}/vary`, "write e.g. vary: [Accept-Language]");
  }
  return {
    cacheControl: directives.length === 0 ? undefined : directives.join(", "),
    etag: etag === false ? undefined : etag,
    vary: vary as string[],
    precondition: undefined,
  };
}

function precondition(extension: Record<string, unknown>, shape: Pick<Operation, "method">, pointer: string, context: BuildContext): CachePolicy | undefined {
  for (const key of Object.keys(extension)) {
    if (key !== "precondition") {
      throw context.error(`x-cache on a ${shape.method.toUpperCase()} takes only precondition`, `${pointer}/${escapeToken(key)}`, "caching directives belong on the GET that reads the resource");
    }
  }
  const value = extension["precondition"];
  if (value === undefined || value === false) return undefined;
  if (value !== "optional" && value !== "required") {
    throw context.error(`x-cache precondition ${JSON.stringify(value)} is not optional or required`, `${pointer}/precondition`, "write precondition: required (428 without If-Match) or optional");
  }
  return { cacheControl: undefined, etag: undefined, vary: [], precondition: value };
}
