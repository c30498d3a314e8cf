import { serve as serveOnNode } from "@hono/node-server";
import type { Server } from "node:http";
import { generated, listen, usersHandlers, usersOptions } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "hono-generated": async () => {
    const server = await generated("hono-users");
    const app = server["createApp"]?.(usersHandlers(), usersOptions) as { fetch: (request: Request) => Promise<Response> };
    return listen(serveOnNode({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server);
  },
};
