import type { Handlers } from "../../golden/users/server/index.js";
import { createRequestHandler } from "../../golden/users/server/index.js";
import type { User } from "../../golden/users/index.js";
import { operations } from "../../golden/users/operations.js";
import type { FixtureApp } from "../serve.js";

interface Caller {
  name: string;
}

const ada: User = { id: 7, name: "Ada", email: "ada@example.com", role: "admin", created_at: "2024-01-15T10:30:00Z" };

export const usersHandlers: Handlers<Caller> = {
  listUsers: ({ query, principal, requestId }) => ({
    status: 200,
    body: {
      success: true,
      data: [{ ...ada, name: `${principal.name}:${query.q ?? ""}:${query.sort ?? ""}:${query.role ?? ""}` }],
      pagination: { page: query.page ?? 0, per_page: query.per_page ?? 0, total: 1, total_pages: 1 },
      meta: { request_id: requestId },
    },
  }),
  createUser: ({ body, requestId }) => ({
    status: 201,
    headers: { Location: "/v1/users/8" },
    body: { success: true, data: { ...ada, id: 8, name: body.name, email: body.email }, meta: { request_id: requestId } },
  }),
  getUser: ({ path, requestId }) =>
    path.userId === 404
      ? { status: 404, body: { success: false, error: { code: "NOT_FOUND", message: "no such user" }, meta: { request_id: requestId } } }
      : { status: 200, body: { success: true, data: { ...ada, id: path.userId }, meta: { request_id: requestId } } },
  replaceUser: ({ path, body, requestId }) => ({
    status: 200,
    body: { success: true, data: { ...ada, id: path.userId, ...body }, meta: { request_id: requestId } },
  }),
  deleteUser: () => ({ status: 204 }),
  updateUser: ({ path, body, requestId }) => ({
    status: 200,
    body: { success: true, data: { ...ada, id: path.userId, ...body }, meta: { request_id: requestId } },
  }),
  listUserOrders: ({ path, query, requestId }) => ({
    status: 200,
    body: {
      success: true,
      data: [{ id: `o-${path.userId}`, total_cents: 1250, currency: "EUR" }],
      pagination: { page: query.page ?? 1, per_page: query.per_page ?? 20, total: 1, total_pages: 1 },
      meta: { request_id: requestId },
    },
  }),
};

const auth = { authorization: "Bearer good-token" };
const id = { "x-request-id": "req-e2e-1" };
const meta = { request_id: "req-e2e-1" };

export const usersApp: FixtureApp = {
  operations,
  handler: (options) =>
    createRequestHandler(usersHandlers, {
      auth: { bearerAuth: (token) => (token === "good-token" ? { name: "grace" } : null) },
      validateResponses: true,
      ...options,
    }),
  calls: [
    {
      operation: "listUsers",
      method: "GET",
      path: "/v1/users?page=2&per_page=5&q=ad&sort=-name&role=admin",
      headers: { ...auth, ...id },
      status: 200,
      response: {
        success: true,
        data: [{ ...ada, name: "grace:ad:-name:admin" }],
        pagination: { page: 2, per_page: 5, total: 1, total_pages: 1 },
        meta,
      },
    },
    {
      operation: "createUser",
      method: "POST",
      path: "/v1/users",
      headers: { ...auth, ...id },
      body: { name: "Bob", email: "bob@example.com" },
      status: 201,
      response: { success: true, data: { ...ada, id: 8, name: "Bob", email: "bob@example.com" }, meta },
    },
    {
      operation: "getUser",
      method: "GET",
      path: "/v1/users/42",
      headers: { ...auth, ...id },
      status: 200,
      response: { success: true, data: { ...ada, id: 42 }, meta },
    },
    {
      operation: "replaceUser",
      method: "PUT",
      path: "/v1/users/42",
      headers: { ...auth, ...id },
      body: { name: "Ada L", email: "ada@example.org", role: "viewer" },
      status: 200,
      response: { success: true, data: { ...ada, id: 42, name: "Ada L", email: "ada@example.org", role: "viewer" }, meta },
    },
    { operation: "deleteUser", method: "DELETE", path: "/v1/users/42", headers: auth, status: 204 },
    {
      operation: "updateUser",
      method: "PATCH",
      path: "/v1/users/42",
      headers: { ...auth, ...id },
      body: { role: "member" },
      status: 200,
      response: { success: true, data: { ...ada, id: 42, role: "member" }, meta },
    },
    {
      operation: "listUserOrders",
      method: "GET",
      path: "/v1/users/3/orders",
      headers: { ...auth, ...id },
      status: 200,
      response: {
        success: true,
        data: [{ id: "o-3", total_cents: 1250, currency: "EUR" }],
        pagination: { page: 1, per_page: 20, total: 1, total_pages: 1 },
        meta,
      },
    },
  ],
};
