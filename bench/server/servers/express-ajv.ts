/** What users write by hand on Express today: routes with ajv. */
import express from "express";
import { usersValidators } from "./ajv.js";
import { created, listen, requestIdOf, stored } from "./users.js";

export const servers: Record<string, () => Promise<number>> = {
  "express-ajv": () => listen(expressWithAjv().listen(0, "127.0.0.1")),
};

function expressWithAjv(): express.Express {
  const { body: validate, userId: validateId } = usersValidators();
  const app = express();
  app.get("/v1/users/:userId", (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId);
    if (req.get("authorization") !== "Bearer bench") {
      res.set("www-authenticate", 'Bearer realm="api"').status(401).json({ success: false, error: { code: "UNAUTHORIZED", message: "UNAUTHORIZED" }, meta: { request_id: requestId } });
      return;
    }
    const params = { userId: req.params.userId };
    if (!validateId(params)) {
      res.status(400).json({ success: false, error: { code: "VALIDATION_ERROR", message: "VALIDATION_ERROR", details: validateId.errors }, meta: { request_id: requestId } });
      return;
    }
    res.status(200).json({ success: true, data: { ...stored, id: params.userId }, meta: { request_id: requestId } });
  });
  app.post("/v1/users", express.json({ limit: "1mb" }), (req, res) => {
    const requestId = requestIdOf(req.get("x-request-id"));
    res.set("x-request-id", requestId);
    const error = (status: number, code: string, details: unknown[] = []) =>
      res.status(status).json({ success: false, error: { code, message: code, details }, meta: { request_id: requestId } });
    if (req.get("authorization") !== "Bearer bench") {
      res.set("www-authenticate", 'Bearer realm="api"');
      error(401, "UNAUTHORIZED");
      return;
    }
    if (!validate(req.body)) {
      error(400, "VALIDATION_ERROR", validate.errors ?? []);
      return;
    }
    res.status(201).set("location", "/v1/users/1").json(created(requestId, req.body as { name: string; email: string }));
  });
  return app;
}

