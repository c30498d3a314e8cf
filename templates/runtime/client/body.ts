import { isPlainObject, scalarText } from "../style.js";
import { mediaKind } from "./media.js";

/** A request body ready for `fetch`, and the `Content-Type` to send (none: fetch sets it). */
export interface EncodedBody {
  body: string | Blob | ArrayBuffer | FormData | URLSearchParams;
  contentType: string | undefined;
}

/**
 * Encodes a request body for the declared media type it fits, in this order: `FormData` as
 * multipart; bytes (`Blob`, `ArrayBuffer`, a typed array) as the declared binary type; a string
 * as the declared text type; JSON when declared; else form fields (`x-www-form-urlencoded`, nested
 * values as `a[b]=c`) or multipart (each field a part: files as files, lists repeated, objects as
 * JSON parts), whichever is declared.
 */
export function encodeBody(body: unknown, contentTypes: readonly string[]): EncodedBody {
  const declared = (test: (essence: string) => boolean) =>
    contentTypes.find((type) => test(essenceOf(type)));
  const multipart = declared((essence) => essence === "multipart/form-data");
  const form = declared((essence) => essence === "application/x-www-form-urlencoded");
  const json = declared((essence) => mediaKind(essence) === "json");
  if (body instanceof FormData) return { body, contentType: undefined };
  if (isBytes(body)) {
    const binary = declared(
      (essence) => mediaKind(essence) === "binary" && !essence.startsWith("multipart/"),
    );
    return { body: asBlobPart(body), contentType: binary ?? "application/octet-stream" };
  }
  const text = declared(
    (essence) => mediaKind(essence) === "text" && essence !== "application/x-www-form-urlencoded",
  );
  if (typeof body === "string" && text !== undefined) return { body, contentType: text };
  if (json !== undefined || (form === undefined && multipart === undefined))
    return { body: JSON.stringify(body), contentType: json ?? "application/json" };
  if (!isPlainObject(body)) throw new TypeError("a form body must be an object of fields");
  if (form !== undefined) return { body: formFields(body), contentType: form };
  return { body: multipartFields(body), contentType: undefined };
}

/** `x-www-form-urlencoded`: scalars as `name=value`, lists repeated, objects as `name[key]=value`. */
function formFields(body: Record<string, unknown>): URLSearchParams {
  const fields = new URLSearchParams();
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      const nested = value.some((item) => Array.isArray(item) || isPlainObject(item));
      value.forEach((item, index) => add(nested ? `${name}[${index}]` : name, item));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    } else fields.append(name, scalarText(value, `body field ${JSON.stringify(name)}`));
  };
  for (const [name, value] of Object.entries(body)) add(name, value);
  return fields;
}

/** `multipart/form-data`: one part per field (files as files, lists repeated, objects as JSON parts). */
function multipartFields(body: Record<string, unknown>): FormData {
  const parts = new FormData();
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (value instanceof Blob) parts.append(name, value);
    else if (isBytes(value)) parts.append(name, new Blob([asBlobPart(value)]));
    else if (isPlainObject(value) || Array.isArray(value))
      parts.append(name, new Blob([JSON.stringify(value)], { type: "application/json" }));
    else parts.append(name, scalarText(value, `body field ${JSON.stringify(name)}`));
  };
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else add(name, value);
  }
  return parts;
}

function isBytes(value: unknown): value is Blob | ArrayBuffer | ArrayBufferView {
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** Bytes as fetch and Blob take them on every TypeScript version: a view becomes a Blob of a copy. */
function asBlobPart(bytes: Blob | ArrayBuffer | ArrayBufferView): Blob | ArrayBuffer {
  if (bytes instanceof Blob || bytes instanceof ArrayBuffer) return bytes;
  return new Blob([new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice()]);
}

function essenceOf(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}
