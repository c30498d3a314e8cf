import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hardeningHandler } from "./apps/hardening.js";
import { ADAPTER, serve, type Served } from "./serve.js";

/** Everything a socket receives until it has one whole response (by Content-Length), or it closes. */
function readResponse(socket: Socket, buffered: { data: Buffer }): Promise<{ status: number; headers: Map<string, string>; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const tryParse = (closed: boolean) => {
      const end = buffered.data.indexOf("\r\n\r\n");
      if (end < 0) {
        if (closed) reject(new Error(`the connection closed before a response (${buffered.data.length} bytes)`));
        return false;
      }
      const [statusLine = "", ...lines] = buffered.data.subarray(0, end).toString("latin1").split("\r\n");
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      const length = Number(headers.get("content-length") ?? 0);
      if (buffered.data.length < end + 4 + length) {
        if (closed) reject(new Error("the connection closed inside a response"));
        return false;
      }
      buffered.data = buffered.data.subarray(end + 4 + length);
      cleanup();
      resolve({ status: Number(statusLine.split(" ")[1]), headers, closed });
      return true;
    };
    const onData = (chunk: Buffer) => {
      buffered.data = Buffer.concat([buffered.data, chunk]);
      tryParse(false);
    };
    const onEnd = () => tryParse(true);
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("error", onError);
    };
    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("error", onError);
    tryParse(false);
  });
}

/** Whether the server closes the connection cleanly (a FIN, no reset) within a second. */
function closesCleanly(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.readableEnded) return resolve(true);
    const timer = setTimeout(() => resolve(false), 1_000);
    socket.once("end", () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.once("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

const BODY = "x".repeat(48 * 1024);
/** Over the 64 KiB limit these tests set, and more than socket buffers hold: the server must decide what to do with the rest. */
const HUGE = "x".repeat(1024 * 1024);
const tenant = "x-api-key: tenant-a\r\n";

/**
 * Requests the pipeline answers before it reads their bodies. Each sends its whole body (48 KiB,
 * or 1 MiB over the limit), as a client that does not wait for `100 Continue` does.
 */
const EARLY: Array<[string, string, number]> = [
  ["a body over the limit (413)", `POST /v1/codes HTTP/1.1\r\nHost: x\r\n${tenant}Content-Type: application/json\r\nContent-Length: ${HUGE.length}\r\n\r\n${HUGE}`, 413],
  ["an undeclared media type (415)", `POST /v1/codes HTTP/1.1\r\nHost: x\r\n${tenant}Content-Type: text/plain\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`, 415],
  ["no credentials (401)", `POST /v1/codes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`, 401],
  ["a missing required header (400)", `POST /v1/orders/o-1/payments HTTP/1.1\r\nHost: x\r\n${tenant}Content-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`, 400],
  ["an unknown path (404)", `POST /v1/nowhere HTTP/1.1\r\nHost: x\r\n${tenant}Content-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`, 404],
];

describe(`replies sent before the body is read keep the connection sane (${ADAPTER})`, () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(hardeningHandler(undefined, { bodyLimit: 64 * 1024 }));
  });
  afterAll(() => server.close());

  it.each(EARLY)("%s: the next request on the connection is answered, or the reply said Connection: close and the server closed cleanly", async (_name, request, status) => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const buffered = { data: Buffer.alloc(0) };
    try {
      socket.write(request);
      const first = await readResponse(socket, buffered);
      expect(first.status).toBe(status);
      if (first.headers.get("connection")?.toLowerCase() === "close") {
        expect(await closesCleanly(socket)).toBe(true);
        return;
      }
      socket.write(`GET /v1/echo/next HTTP/1.1\r\nHost: x\r\n${tenant}\r\n`);
      const second = await readResponse(socket, buffered);
      expect(second.status).toBe(200);
    } finally {
      socket.destroy();
    }
  });
});
