import { Hono } from "hono";
import type { RequestHandler } from "./handle.js";
import { serveFetch, type RequestFacts } from "./web.js";

/**
 * The request pipeline as a Hono app: serve it as it is (`export default app`, `serve(app)`), or
 * mount it with `parent.route("/", app)` (under a path, `parent.route("/api", app)`, with
 * `basePath` set to match: the pipeline routes the whole path). On `@hono/node-server` the
 * client's address is the socket's and the path is as sent; elsewhere set `clientIp` in the
 * options, and paths arrive as the runtime's URL parser left them (dot segments resolved). With
 * `fallthrough`, unmatched requests go on to the next handler.
 */
export function honoApp(handle: RequestHandler): Hono {
  const app = new Hono();
  app.use("*", async (context, next) => {
    const response = await serveFetch(handle, context.req.raw, nodeFacts(context.env));
    if (response === undefined) return next();
    return response;
  });
  return app;
}

/**
 * `@hono/node-server` passes the Node request as `env.incoming`: the socket's address, and the
 * request target exactly as sent (the Web URL has dot segments resolved).
 */
function nodeFacts(env: unknown): RequestFacts {
  const incoming = (
    env as { incoming?: { url?: unknown; socket?: { remoteAddress?: unknown } } } | undefined
  )?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return {
    ip: typeof address === "string" ? address : undefined,
    target: typeof incoming?.url === "string" ? incoming.url : undefined,
  };
}
