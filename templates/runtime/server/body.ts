import { HttpError } from "./errors.js";
import { dataRecord, setOwn } from "./own.js";

/** A request body read and decoded by its media type. */
export interface ParsedBody {
  /** The declared media type it matched (`application/json`, `text/*`, …). */
  mediaType: string;
  value: unknown;
  /** Whether the value is text or structured data a schema can check (JSON, form fields). */
  validatable: boolean;
  /** The value holds files (`Blob`s): a multipart body with file parts. */
  files?: true;
}

/**
 * Reads a body stream up to `limit` bytes; one byte more is a 413, decided before the rest is
 * read (the stream is then destroyed). A declared `Content-Length` over the limit is refused
 * without reading at all. A Node stream is read through its events, which costs less than async
 * iteration's promise per chunk.
 */
export function readBody(
  stream: AsyncIterable<Uint8Array>,
  limit: number,
  declaredLength: string | undefined,
): Promise<Uint8Array> {
  if (declaredLength !== undefined && Number(declaredLength) > limit)
    return Promise.reject(tooLarge(limit));
  return isEvented(stream) ? readEvents(stream, limit) : readIterable(stream, limit);
}

/** The chunks of a body as one array of bytes (the chunk itself when there is one). */
function joined(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function readIterable(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return joined(chunks);
}

/** The part of a Node readable stream the body is read through. */
interface EventedStream {
  on(event: string, listener: (value: never) => void): unknown;
  removeListener(event: string, listener: (value: never) => void): unknown;
  destroy(): unknown;
  readonly readableEnded: boolean;
}

function isEvented(
  stream: AsyncIterable<Uint8Array>,
): stream is AsyncIterable<Uint8Array> & EventedStream {
  const candidate = stream as Partial<EventedStream>;
  return (
    typeof candidate.on === "function" &&
    typeof candidate.removeListener === "function" &&
    typeof candidate.destroy === "function" &&
    typeof candidate.readableEnded === "boolean"
  );
}

/** Reads through `data` and `end`, and removes only its own listeners when done. */
function readEvents(stream: EventedStream, limit: number): Promise<Uint8Array> {
  if (stream.readableEnded) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const data = (chunk: Uint8Array) => {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      settle(tooLarge(limit));
      stream.destroy();
    };
    const end = () => settle();
    const error = (problem: unknown) => settle(problem);
    const close = () => settle(new Error("the request was closed before its body ended"));
    const settle = (problem?: unknown) => {
      stream.removeListener("data", data);
      stream.removeListener("end", end);
      stream.removeListener("error", error);
      stream.removeListener("close", close);
      if (problem === undefined) resolve(joined(chunks));
      else reject(problem);
    };
    stream.on("data", data);
    stream.on("end", end);
    stream.on("error", error);
    stream.on("close", close);
  });
}

/** A media type's essence: its type and subtype in lower case, without parameters. */
export function mediaTypeEssence(mediaType: string): string {
  const semicolon = mediaType.indexOf(";");
  return (semicolon < 0 ? mediaType : mediaType.slice(0, semicolon)).trim().toLowerCase();
}

/** A media type a request body may be sent as, with its essence worked out once. */
export interface DeclaredType {
  readonly declared: string;
  readonly essence: string;
}

/** The declared media type a request's essence falls under: exact, then `type/*`, then `*\/*`. */
export function matchMediaType(
  essence: string,
  declared: readonly DeclaredType[],
): string | undefined {
  const exact = declared.find((type) => type.essence === essence);
  if (exact !== undefined) return exact.declared;
  const range = `${essence.split("/")[0]}/*`;
  return (
    declared.find((type) => type.essence === range) ??
    declared.find((type) => type.essence === "*/*")
  )?.declared;
}

export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType);
  return essence === "application/json" || essence.endsWith("+json");
}

/** At most this many parts in one multipart body (400 past it). */
export const MAX_PARTS = 1_000;

/**
 * A `multipart/form-data` body (already read within the body limit) as fields, parsed by the
 * platform's own parser (`Response.formData()`): field names nest as in forms, files stay
 * `File`s, a part sent as `application/json` is parsed. Malformed multipart is a 400.
 */
export async function parseMultipart(
  bytes: Uint8Array,
  contentType: string,
  mediaType: string,
): Promise<ParsedBody> {
  let parts: FormData;
  try {
    parts = await new Response(new Uint8Array(bytes), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    throw new HttpError(
      400,
      "MALFORMED_BODY",
      "The request body is not valid multipart/form-data.",
    );
  }
  const entries: Array<[string, unknown]> = [];
  for (const [name, value] of parts) {
    if (entries.length >= MAX_PARTS)
      throw new HttpError(
        400,
        "MALFORMED_BODY",
        `The request body has more than ${MAX_PARTS} parts.`,
      );
    entries.push([name, typeof value === "string" ? value : await filePart(value)]);
  }
  const files = entries.some(([, value]) => value instanceof Blob);
  return { mediaType, value: formFields(entries), validatable: true, ...(files ? { files } : {}) };
}

/** A JSON part is its value; any other file part stays a `File`. */
async function filePart(file: File): Promise<unknown> {
  if (!isJsonMediaType(file.type)) return file;
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    throw new HttpError(
      400,
      "MALFORMED_JSON",
      "A JSON part of the request body is not valid JSON.",
    );
  }
}

/**
 * Validates a body whose files (`Blob`s) a JSON Schema cannot describe: each file stands in as
 * an empty string (what `format: binary` is) while `validate` runs, and is put back after,
 * also where coercion wrapped it in a list.
 */
export function validateWithFiles(value: unknown, validate: (value: unknown) => boolean): boolean {
  const files: Array<{
    parent: Record<string, unknown> | unknown[];
    key: string | number;
    file: Blob;
  }> = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null || node instanceof Blob) continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (child instanceof Blob) {
        files.push({ parent: node as Record<string, unknown>, key, file: child });
        (node as Record<string | number, unknown>)[key] = "";
      } else stack.push(child);
    }
  }
  const valid = validate(value);
  for (const { parent, key, file } of files) {
    const current = (parent as Record<string | number, unknown>)[key];
    if (Array.isArray(current) && current.length === 1 && current[0] === "") current[0] = file;
    else (parent as Record<string | number, unknown>)[key] = file;
  }
  return valid;
}

/**
 * Decodes a body by the media type the request declared: JSON (and `+json`) is parsed,
 * `application/x-www-form-urlencoded` becomes a map of fields, `text/*` a string, anything else
 * stays bytes (multipart is `parseMultipart`). Unparseable JSON and non-UTF-8 text are 400s.
 */
export function parseBody(bytes: Uint8Array, essence: string, mediaType: string): ParsedBody {
  if (essence === "application/json" || essence.endsWith("+json")) {
    const text = decodeText(bytes);
    try {
      return { mediaType, value: JSON.parse(text) as unknown, validatable: true };
    } catch {
      throw new HttpError(400, "MALFORMED_JSON", "The request body is not valid JSON.");
    }
  }
  if (essence === "application/x-www-form-urlencoded")
    return {
      mediaType,
      value: formFields(new URLSearchParams(decodeText(bytes))),
      validatable: true,
    };
  if (essence.startsWith("text/"))
    return { mediaType, value: decodeText(bytes), validatable: true };
  return { mediaType, value: bytes, validatable: false };
}

/** At most this index in a `name[<index>]` field; a larger one is a 400, never a sparse array. */
const MAX_FORM_INDEX = 10_000;

/**
 * Form fields as the structure their names spell (the convention of Stripe, Rails and qs):
 * `a=1&a=2` is a list, `a[]=x` appends, `a[b][c]=x` nests objects, `a[0][b]=x` indexes a list.
 * Values stay text; validation coerces them to the schema's types. Names become own properties
 * only, so `__proto__` is an ordinary field.
 */
export function formFields(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const root = dataRecord();
  for (const [name, value] of entries) {
    const [head, ...rest] = keyPath(name);
    let node: Record<string, unknown> | unknown[] = root;
    let key: string = head ?? name;
    for (const next of rest) {
      const existing: unknown = getEntry(node, key);
      const child =
        typeof existing === "object" && existing !== null
          ? (existing as Record<string, unknown> | unknown[])
          : next === "" || /^\d+$/.test(next)
            ? []
            : dataRecord();
      if (child !== existing) setEntry(node, key, child);
      node = child;
      key = next;
    }
    const existing = getEntry(node, key);
    if (key === "" && Array.isArray(node)) node.push(value);
    else if (existing === undefined) setEntry(node, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setEntry(node, key, [existing, value]);
  }
  return root;
}

/** `a[b][]` → `["a", "b", ""]`; a name without brackets is itself. */
function keyPath(name: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(name);
  if (match === null) return [name];
  return [
    match[1] ?? name,
    ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1] ?? ""),
  ];
}

function getEntry(node: Record<string, unknown> | unknown[], key: string): unknown {
  if (Array.isArray(node)) return /^\d+$/.test(key) ? node[Number(key)] : undefined;
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

function setEntry(node: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (!Array.isArray(node)) {
    setOwn(node, key, value);
    return;
  }
  const index = key === "" ? node.length : Number(key);
  if (!Number.isInteger(index) || index > MAX_FORM_INDEX)
    throw new HttpError(
      400,
      "MALFORMED_BODY",
      `A form field name mixes list indexes and names, or has an index over ${MAX_FORM_INDEX}.`,
    );
  node[index] = value;
}

/** One decoder for every request: a whole-body `decode` keeps no state between calls. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function decodeText(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new HttpError(400, "MALFORMED_BODY", "The request body is not valid UTF-8.");
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`);
}
