import { Router, type NextFunction, type Request, type Response } from "express";
import type { RequestHandler } from "./handle.js";
import { fromIncomingMessage, serveNode } from "./node-request.js";

/**
 * Mounts the request pipeline on an Express 5 router. The router reads request bodies itself (no
 * `express.json()` needed); a body an earlier parser already consumed is used as parsed. The
 * client's address is `req.ip`, so Express's `trust proxy` setting applies.
 */
export function expressRouter(handle: RequestHandler): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const consumed = req.readableEnded && (req as { body?: unknown }).body !== undefined;
    const request = fromIncomingMessage(req, {
      ip: () => req.ip,
      originalPath: req.originalUrl.split("?")[0] ?? req.url,
      ...(consumed ? { parsedBody: { value: (req as { body?: unknown }).body } } : {}),
    });
    serveNode(handle, request, res, () => next());
  });
  return router;
}
