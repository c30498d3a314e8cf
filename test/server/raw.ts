import { connect } from "node:net";

export interface RawReply {
  status: number;
  /** Header names in lower case; a repeated header keeps every value. */
  headers: Map<string, string[]>;
  body: string;
}

/**
 * Sends one HTTP/1.1 request byte for byte as given (any path spelling, repeated headers, any
 * bytes in values) and reads the reply until the server closes the connection. Resolves to
 * `undefined` when the connection closes without a status line (the server dropped it).
 */
export function sendRaw(
  url: string,
  request: { method: string; path: string; headers?: ReadonlyArray<readonly [string, string]>; body?: string | Buffer },
): Promise<RawReply | undefined> {
  const { hostname, port } = new URL(url);
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, "utf8");
  const lines = [`${request.method} ${request.path} HTTP/1.1`, `host: ${hostname}:${port}`, "connection: close"];
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`content-length: ${body.byteLength}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? resolve(parse(Buffer.concat(chunks))) : reject(error)));
    socket.on("end", () => resolve(parse(Buffer.concat(chunks))));
    socket.write(body === undefined ? head : Buffer.concat([head, body]));
  });
}

function parse(bytes: Buffer): RawReply | undefined {
  const text = bytes.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine = "", ...headerLines] = text.slice(0, end).split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const at = line.indexOf(":");
    const name = line.slice(0, at).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(at + 1).trim()]);
  }
  let body = bytes.subarray(Buffer.byteLength(text.slice(0, end + 4), "latin1"));
  if (headers.get("transfer-encoding")?.includes("chunked")) body = unchunk(body);
  return { status, headers, body: body.toString("utf8") };
}

function unchunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf("\r\n", at, "latin1");
    if (lineEnd < 0) break;
    const size = parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
