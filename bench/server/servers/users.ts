/**
 * What the servers of the users fixture share: the stored user, the `CreateUser` and user id
 * schemas the hand-written servers validate, the request id rule, the generated servers' handlers
 * and options; and, for every server, loading a generated output and waiting for a port.
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Handlers } from "../../../test/golden/users/server/index.js";
import type { User } from "../../../test/golden/users/index.js";
import { OUTPUTS } from "../paths.js";

export const stored: User = { id: 1, name: "", email: "", role: "member", created_at: "2024-01-15T10:30:00Z" };
export const CREATE_USER = {
  type: "object",
  additionalProperties: false,
  required: ["name", "email"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100 },
    email: { type: "string", format: "email" },
    role: { type: "string", enum: ["admin", "member", "viewer"] },
  },
} as const;
export const USER_ID = { type: "object", required: ["userId"], properties: { userId: { type: "integer", minimum: 1 } } } as const;
const WELL_FORMED_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** The client's request id when it is well formed, else a new one: what every server here sends back. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === "string" && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
}

export function usersHandlers(): Handlers<{ token: string }> {
  const notUsed = () => ({ status: 400 as const, body: { success: false as const, error: { code: "X", message: "x" }, meta: { request_id: "" } } });
  return {
    listUsers: notUsed,
    createUser: ({ body, requestId }) => ({
      status: 201,
      headers: { Location: "/v1/users/1" },
      body: { success: true, data: { ...stored, name: body.name, email: body.email }, meta: { request_id: requestId } },
    }),
    getUser: ({ path, requestId }) => ({ status: 200, body: { success: true, data: { ...stored, id: path.userId }, meta: { request_id: requestId } } }),
    replaceUser: notUsed,
    deleteUser: () => ({ status: 204 }),
    updateUser: notUsed,
    listUserOrders: () => notUsed() as never,
  };
}

export const usersOptions = { auth: { bearerAuth: (token: string) => (token === "bench" ? { token } : null) } };

export function created(requestId: string, body: { name: string; email: string }) {
  return { success: true, data: { ...stored, name: body.name, email: body.email }, meta: { request_id: requestId } };
}

export type Entry = (handlers: object, options: object) => unknown;

/** The server module of a generated output (made by `run.ts` under OUTPUTS). */
export async function generated(folder: string): Promise<Record<string, Entry>> {
  return (await import(`${OUTPUTS}${folder}/server/index.js`)) as Record<string, Entry>;
}

/** Resolves to a server's port once it listens. */
export async function listen(server: Server): Promise<number> {
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  return (server.address() as AddressInfo).port;
}
