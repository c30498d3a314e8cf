import { resolve } from "node:path";
import { CodegenError } from "../errors.js";
import { MAX_SPEC_BYTES, readSpecBytes } from "./read.js";

/** How long fetching a spec may take, in milliseconds. */
export const FETCH_TIMEOUT_MS = 30_000;

/** The root document's bytes and where they came from. */
export interface SpecSource {
  /** The file's absolute path, the URL, or `<stdin>` in the working directory (relative `$ref`s resolve from there). */
  path: string;
  bytes: Uint8Array;
  /** The text, when it is not a file the tool can read again to find lines. */
  text: string | undefined;
  url: string | undefined;
  fromStdin: boolean;
}

/** Reads the spec: a file, `-` (standard input) or an http(s) URL (only with `allowRemote`). */
export async function readSource(spec: string, allowRemote: boolean): Promise<SpecSource> {
  if (spec === "-") {
    const bytes = await readStream(process.stdin, "<stdin>");
    return { path: resolve("<stdin>"), bytes, text: Buffer.from(bytes).toString("utf8"), url: undefined, fromStdin: true };
  }
  if (/^https?:\/\//i.test(spec)) {
    const bytes = await fetchSpec(spec, allowRemote);
    return { path: spec, bytes, text: Buffer.from(bytes).toString("utf8"), url: spec, fromStdin: false };
  }
  return { path: spec, bytes: readSpecBytes(spec), text: undefined, url: undefined, fromStdin: false };
}

async function readStream(stream: AsyncIterable<Uint8Array | string>, file: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += buffer.length;
    if (size > MAX_SPEC_BYTES) throw tooLarge(file);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

async function fetchSpec(url: string, allowRemote: boolean): Promise<Uint8Array> {
  if (!allowRemote) {
    throw new CodegenError("remote spec refused: the tool does not fetch unless asked to", {
      location: { file: url },
      hint: "pass --allow-remote to fetch it (and the $refs it makes), or download it and pass the file",
    });
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json, application/yaml, text/yaml, */*" } });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : describeFetchError(error);
    throw new CodegenError(`cannot fetch the spec: ${reason}`, {
      location: { file: url },
      hint: "check the URL and the network, or download the document and pass the file",
      cause: error,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CodegenError(`cannot fetch the spec: HTTP ${response.status}`, {
      location: { file: url },
      hint: "check the URL (and any credentials it needs), or download the document and pass the file",
    });
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_SPEC_BYTES) {
    await response.body?.cancel();
    throw tooLarge(url);
  }
  try {
    return response.body === null ? new Uint8Array() : await readStream(response.body, url);
  } catch (error) {
    if (error instanceof CodegenError) throw error;
    throw new CodegenError(`cannot fetch the spec: ${describeFetchError(error)}`, { location: { file: url }, hint: "try again, or download the document and pass the file", cause: error });
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function tooLarge(file: string): CodegenError {
  return new CodegenError(`the document is over the limit of ${MAX_SPEC_BYTES} bytes`, {
    location: { file },
    hint: "split the document into files joined by $ref",
  });
}
