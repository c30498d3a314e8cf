import { Router, type NextFunction, type Request, type Response } from "express";
import type { TLSSocket } from "node:tls";
import type { RequestHandler } from "./handle.js";
import type { ServerRequest, ServerResponse } from "./http.js";

/**
 * Mounts a framework-neutral request handler on an Express 5 router. The router reads request
 * bodies itself (no `express.json()` needed); a body an earlier parser already consumed is used
 * as parsed. A response that fails while being sent is reported to `onError` and ends as a 500,
 * or as a closed connection when its status line has already gone out; it never escapes as an
 * unhandled rejection.
 */
export function expressRouter(handle: RequestHandler): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const request = toServerRequest(req);
    void handle(request).then((response) => {
      if (response === undefined) {
        next();
        return;
      }
      try {
        send(res, response);
      } catch (error) {
        const requestId = response.headers.get("x-request-id") ?? "";
        handle.report(error, {
          requestId,
          operationId: undefined,
          method: request.method,
          path: request.path,
        });
        failed(res, requestId);
      }
    });
  });
  return router;
}

function toServerRequest(req: Request): ServerRequest {
  const queryAt = req.url.indexOf("?");
  const consumed = req.readableEnded && (req as { body?: unknown }).body !== undefined;
  const socket = req.socket as Partial<TLSSocket>;
  const certificate =
    socket.authorized === true && typeof socket.getPeerCertificate === "function"
      ? socket.getPeerCertificate()
      : undefined;
  return {
    method: req.method,
    path: queryAt < 0 ? req.url : req.url.slice(0, queryAt),
    originalPath: req.originalUrl.split("?")[0] ?? req.url,
    query: queryAt < 0 ? "" : req.url.slice(queryAt + 1),
    headers: req.headers,
    body: req,
    ...(req.ip === undefined ? {} : { ip: req.ip }),
    ...(consumed ? { parsedBody: { value: (req as { body?: unknown }).body } } : {}),
    ...(certificate === undefined ? {} : { clientCertificate: certificate }),
  };
}

function send(res: Response, response: ServerResponse): void {
  res.status(response.status);
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body === undefined) res.end();
  else res.end(response.body);
}

/** After a failed send: a bare 500 (with the request id) while nothing has gone out, else the connection is closed. */
function failed(res: Response, requestId: string): void {
  try {
    if (!res.headersSent) {
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 500;
      if (requestId !== "") res.setHeader("x-request-id", requestId);
      res.end();
      return;
    }
  } catch {
    // The connection is closed below.
  }
  res.destroy();
}
