import type { RequestHandler } from "./handle.js";
import { originForm, type ServerRequest, type ServerResponse } from "./http.js";

/**
 * A Web `fetch` handler. Each runtime knows the client's address in its own way: pass it as `ip`
 * (Deno's `info.remoteAddr.hostname`, Bun's `server.requestIP(request)?.address`), or set
 * `clientIp` in the options to read it from a header your proxy sets.
 */
export type FetchHandler = (request: Request, ip?: string) => Promise<Response>;

/**
 * The request pipeline as a Web `fetch` handler, for any runtime with Web `Request` and `Response`
 * (Node through an adapter, Deno, Bun). It uses no Node built-ins. With `fallthrough`, an
 * unmatched request is an empty 404.
 */
export function fetchHandler(handle: RequestHandler): FetchHandler {
  return async (request, ip) =>
    (await serveFetch(handle, request, ip === undefined ? {} : { ip })) ??
    new Response(null, { status: 404 });
}

/** What the runtime knows of a request beyond the Web `Request`. */
export interface RequestFacts {
  ip?: string | undefined;
  /**
   * The request target as the client sent it (path and query), when the runtime keeps it: a Web
   * `Request`'s URL has dot segments resolved and some characters re-encoded.
   */
  target?: string | undefined;
}

/**
 * The pipeline's response to a Web request, or `undefined` when it passes (`fallthrough`). When
 * the reply goes out before the request's body was read to its end (a 413, or a 401, 415 or 400
 * decided on the headers), it says `Connection: close`: a Web runtime decides alone what becomes
 * of the unread rest (`@hono/node-server` closes the connection after the reply), and a client
 * told so will not send its next request on a connection about to close.
 */
export async function serveFetch(
  handle: RequestHandler,
  request: Request,
  facts: RequestFacts,
): Promise<Response | undefined> {
  const reading = { finished: false };
  const served = fromRequest(request, facts, reading);
  const response = await handle(served);
  if (response === undefined) return undefined;
  return toResponse(response, served.hasBody === true && !reading.finished);
}

/** A Web request as the pipeline sees it: the path exactly as the URL spells it, the body unread. */
function fromRequest(
  request: Request,
  { ip, target = withoutFragment(request.url) }: RequestFacts,
  reading: { finished: boolean },
): ServerRequest {
  const sent = originForm(target);
  const queryAt = sent.indexOf("?");
  // Own properties for every name, `__proto__` included (plain assignment would not make one).
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  return {
    method: request.method,
    path: queryAt < 0 ? sent : sent.slice(0, queryAt),
    query: queryAt < 0 ? "" : sent.slice(queryAt + 1),
    headers,
    body: chunksOf(request.body, reading),
    hasBody: request.body !== null && request.headers.get("content-length") !== "0",
    ...(ip === undefined ? {} : { ip }),
  };
}

/**
 * A URL up to its fragment, which is no part of a request target (`originForm` then keeps its path
 * and query).
 */
function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
}

/** A body stream's chunks, read only when iterated (the pipeline reads bodies of operations that take one). */
async function* chunksOf(
  body: ReadableStream<Uint8Array> | null,
  reading: { finished: boolean },
): AsyncGenerator<Uint8Array> {
  if (body === null) return;
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        reading.finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // A reader that stopped early (the body is too large) leaves the rest unread.
    if (finished) reader.releaseLock();
    else await reader.cancel().catch(() => undefined);
  }
}

function toResponse(response: ServerResponse, closing: boolean): Response {
  const { body } = response;
  const headers: Array<[string, string]> = [...response.headers];
  if (closing) headers.push(["connection", "close"]);
  return new Response(body === undefined ? null : (body as BodyInit), {
    status: response.status,
    headers,
  });
}
