import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "./handle.js";
import { fromIncomingMessage, serveNode } from "./node-request.js";

/** A `node:http` request listener that also works as Connect-style middleware. */
export type NodeRequestListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: () => void,
) => void;

/**
 * The request pipeline as a listener for `http.createServer` (or `https`). The client's address is
 * the socket's: behind a proxy, set `clientIp` to read the header your proxy sets. With
 * `fallthrough`, unmatched requests go to `next`, and without a `next` they are a plain 404.
 */
export function nodeRequestListener(handle: RequestHandler): NodeRequestListener {
  return (req, res, next) => {
    const request = fromIncomingMessage(req, { ip: () => req.socket.remoteAddress });
    serveNode(handle, request, res, () => {
      if (next !== undefined) return next();
      res.statusCode = 404;
      res.end();
    });
  };
}
