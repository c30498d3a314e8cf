import { createServer, type Server } from "node:http";
import { usersValidators } from "./ajv.js";
import { created, listen, requestIdOf, stored } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "node-ajv": () => listen(nodeWithAjv().listen(0, "127.0.0.1")),
};

/** What users write on Node's own http server: the same work as `expressWithAjv`, routed by hand. */
function nodeWithAjv(): Server {
  const { body: validateBody, userId: validateId } = usersValidators();
  return createServer((req, res) => {
    const requestId = requestIdOf(req.headers["x-request-id"]);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "x-request-id": requestId, ...headers });
      res.end(text);
    };
    const error = (status: number, code: string, details: unknown[] = [], headers: Record<string, string> = {}) =>
      send(status, { success: false, error: { code, message: code, details }, meta: { request_id: requestId } }, headers);
    const url = new URL(req.url ?? "/", "http://localhost");
    const user = /^\/v1\/users\/([^/]+)$/.exec(url.pathname);
    const route = req.method === "POST" && url.pathname === "/v1/users" ? "create" : req.method === "GET" && user ? "get" : undefined;
    if (route === undefined) return error(404, "NOT_FOUND");
    if (req.headers.authorization !== "Bearer bench") return error(401, "UNAUTHORIZED", [], { "www-authenticate": 'Bearer realm="api"' });
    if (route === "get") {
      const params = { userId: decodeURIComponent(user?.[1] ?? "") };
      if (!validateId(params)) return error(400, "VALIDATION_ERROR", validateId.errors ?? []);
      return send(200, { success: true, data: { ...stored, id: params.userId }, meta: { request_id: requestId } });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > 1024 * 1024) return error(413, "PAYLOAD_TOO_LARGE");
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return error(400, "MALFORMED_JSON");
      }
      if (!validateBody(body)) return error(400, "VALIDATION_ERROR", validateBody.errors ?? []);
      return send(201, created(requestId, body as { name: string; email: string }), { location: "/v1/users/1" });
    });
  });
}
