import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { ROOT } from "../paths.js";
import { created, listen, requestIdOf, stored } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "express-openapi-validator": () => listen(expressWithOpenApiValidator().listen(0, "127.0.0.1")),
};

/** express-openapi-validator checks the request (security included) against the users contract; the handler does the rest. */
function expressWithOpenApiValidator(): express.Express {
  const app = express();
  app.use(express.json({ limit: "1mb" }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: `${ROOT}fixtures/users.yaml`,
      validateRequests: true,
      validateResponses: false,
      validateSecurity: { handlers: { bearerAuth: (req) => req.headers.authorization === "Bearer bench" } },
    }),
  );
  app.get("/v1/users/:userId", (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId).status(200).json({ success: true, data: { ...stored, id: Number(req.params.userId) }, meta: { request_id: requestId } });
  });
  app.post("/v1/users", (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId).status(201).set("location", "/v1/users/1").json(created(requestId, req.body as { name: string; email: string }));
  });
  app.use((error: { status?: number; message: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error.status ?? 500).json({ success: false, error: { code: "ERROR", message: error.message } });
  });
  return app;
}
