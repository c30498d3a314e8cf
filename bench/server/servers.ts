/**
 * The two servers the benchmark compares, doing the same work for `POST /v1/users`: request id,
 * bearer auth, JSON body parsing with a 1 MiB limit, validation of `CreateUser` with ajv, and a
 * 201 envelope. One is the generated router (users fixture); the other is written by hand.
 */
import { randomUUID } from "node:crypto";
import express, { type Express } from "express";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { createRouter, type Handlers } from "../../test/golden/users/server/index.js";
import type { User } from "../../test/golden/users/index.js";

const stored: User = { id: 1, name: "", email: "", role: "member", created_at: "2024-01-15T10:30:00Z" };

export function generatedApp(): Express {
  const notUsed = () => ({ status: 400 as const, body: { success: false as const, error: { code: "X", message: "x" }, meta: { request_id: "" } } });
  const handlers: Handlers<{ token: string }> = {
    listUsers: notUsed,
    createUser: ({ body, requestId }) => ({
      status: 201,
      headers: { Location: "/v1/users/1" },
      body: { success: true, data: { ...stored, name: body.name, email: body.email }, meta: { request_id: requestId } },
    }),
    getUser: () => notUsed() as never,
    replaceUser: notUsed,
    deleteUser: () => ({ status: 204 }),
    updateUser: notUsed,
    listUserOrders: () => notUsed() as never,
  };
  const app = express();
  app.use(createRouter(handlers, { auth: { bearerAuth: (token) => (token === "bench" ? { token } : null) } }));
  return app;
}

export function handwrittenApp(): Express {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile({
    type: "object",
    additionalProperties: false,
    required: ["name", "email"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: 100 },
      email: { type: "string", format: "email" },
      role: { type: "string", enum: ["admin", "member", "viewer"] },
    },
  });
  const app = express();
  app.post("/v1/users", express.json({ limit: "1mb" }), (req, res) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming !== undefined && /^[A-Za-z0-9._:@+=/-]{1,128}$/.test(incoming) ? incoming : randomUUID();
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
    const body = req.body as { name: string; email: string };
    res.status(201).set("location", "/v1/users/1").json({ success: true, data: { ...stored, name: body.name, email: body.email }, meta: { request_id: requestId } });
  });
  return app;
}
