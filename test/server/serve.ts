import express, { type Router } from "express";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Starts an Express app with the router on a free port (port 0). */
export async function serve(router: Router): Promise<Served> {
  const app = express();
  app.use(router);
  const server = app.listen(0);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** One call in an end-to-end run, and what must come back. */
export interface Call {
  operation: string;
  method: string;
  /** Sent as written: no URL normalisation (so `/../x` stays `/../x`). */
  path: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
  status: number;
  /** The parsed JSON body expected (toEqual). */
  response?: unknown;
  /** The text body expected, for non-JSON responses. */
  text?: string;
}

/** What every fixture app's router takes, besides its own settings. */
export interface AppOptions {
  onError?: (error: unknown, context: { requestId: string; operationId: string | undefined; method: string; path: string }) => void;
}

export interface FixtureApp {
  operations: object;
  router: (options?: AppOptions) => Router;
  calls: Call[];
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/** Sends one request with node:http, exactly as given. */
export function send(url: string, call: Pick<Call, "method" | "path" | "headers" | "body">): Promise<Reply> {
  const headers: Record<string, string> = { ...call.headers };
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const request = http.request({ hostname, port, path: call.path, method: call.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) as unknown });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
