/** Node http: the generated request listener, with and without idempotency, and the bare floor. Node's modules only. */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { generated, listen, stored, usersHandlers, usersOptions } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "node-generated": () => nodeGenerated("node-users"),
  "node-generated-idempotent": () => nodeGenerated("node-users-idempotent"),
  "node-bare": () => listen(nodeBare().listen(0, "127.0.0.1")),
};

/** A generated Node http listener (from `folder`). */
async function nodeGenerated(folder: string): Promise<number> {
  const server = await generated(folder);
  return listen(createServer(server["createRequestListener"]?.(usersHandlers(), usersOptions) as never).listen(0, "127.0.0.1"));
}

/**
 * The floor: Node http answering the POST with the same 201 envelope, body parsed but nothing
 * validated, no request id kept, nothing checked but the bearer token. What a first request costs
 * a cold Node process before any framework or validation.
 */
function nodeBare(): Server {
  return createServer((req, res) => {
    if (req.method !== "POST" || req.headers.authorization !== "Bearer bench") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      const text = JSON.stringify({ success: true, data: { ...stored, ...body, id: 8 }, meta: { request_id: randomUUID() } });
      res.writeHead(201, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
}
