import { Router, type NextFunction, type Request, type Response } from "express";
import type { TLSSocket } from "node:tls";
import type { ServerRequest, ServerResponse } from "./http.js";

/**
 * Mounts a framework-neutral request handler on an Express 5 router. The router reads request
 * bodies itself (no `express.json()` needed); a body an earlier parser already consumed is used
 * as parsed.
 */
export function expressRouter(
  handle: (request: ServerRequest) => Promise<ServerResponse | undefined>,
): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    handle(toServerRequest(req)).then((response) => {
      if (response === undefined) next();
      else send(res, response);
    }, next);
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
