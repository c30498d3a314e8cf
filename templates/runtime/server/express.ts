import type { Handler, NextFunction, Request, Response } from "express";
import type { RequestHandler } from "./handle.js";
import { fromIncomingMessage, serveNode } from "./node-request.js";

/**
 * Mounts the request pipeline on Express 5 as one middleware function (`app.use`). A function,
 * not a `Router`: Express then runs one router for the request, its app's, where a `Router`
 * adds a second one's work to every request. The middleware reads request bodies itself (no
 * `express.json()` needed); a body an earlier parser already consumed is used as parsed. The
 * client's address is `req.ip`, so Express's `trust proxy` setting applies. Mounted under a path
 * (`app.use("/api", …)`), it routes what follows that path, as Express routers do: `basePath` is
 * then the contract's path below the mount point. A request no operation matches goes on to `next`
 * when the pipeline has `fallthrough` set.
 */
export function expressRouter(handle: RequestHandler): Handler {
  return (req: Request, res: Response, next: NextFunction) => {
    const consumed = req.readableEnded && (req as { body?: unknown }).body !== undefined;
    const request = fromIncomingMessage(req, {
      ip: () => req.ip,
      ...(consumed ? { parsedBody: { value: (req as { body?: unknown }).body } } : {}),
    });
    serveNode(handle, request, res, () => next());
  };
}
