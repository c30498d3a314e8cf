import type { ImpliedStatus, Operation } from "./model.js";

/**
 * The statuses the generated server may answer an operation with on its own, before or around
 * the handler: validation (400), auth (401, 403), bodies (413, 415), idempotency (409, 422),
 * conditional requests (304, 412, 428), rate limits (429) and stores that are down (503). Every request may also get a 400 for a
 * malformed query string; 404 and 405 belong to paths, not operations, and 500 and
 * 501 to faults in the server, so none of those is listed here (the README lists them).
 */
export function impliedStatuses(operation: Omit<Operation, "id" | "impliedStatuses">): ImpliedStatus[] {
  const implied = new Map<number, string>();
  const add = (status: number, reason: string) => {
    if (!implied.has(status)) implied.set(status, reason);
  };
  const { parameters, requestBody, security, policies } = operation;
  const hasParameters = Object.values(parameters).some((list) => list.length > 0);
  if (hasParameters || requestBody !== undefined) add(400, "request validation");
  if (policies.pagination !== undefined) add(400, "invalid cursor or limit");
  if (policies.sort !== undefined) add(400, "an unknown, repeated or extra sort key");
  if (policies.fields !== undefined) add(400, "an unknown, repeated, extra or too deep field");
  if (policies.expand !== undefined) add(400, "an unknown, repeated, extra or too deep expansion");
  if (policies.idempotency !== undefined) add(400, "missing or malformed idempotency key");
  if (security.length > 0 && !security.some((requirement) => requirement.length === 0)) {
    add(401, "authentication");
    add(403, "authorization");
  } else if (security.length > 0) add(401, "credentials that are sent but refused");
  if (requestBody !== undefined) {
    add(413, "request body over the size limit");
    add(415, "request body of an undeclared media type");
  }
  if (policies.idempotency !== undefined) {
    add(409, "idempotency key in flight");
    add(422, "idempotency key reused with another request");
    add(503, "idempotency store unavailable");
  }
  if (policies.cache?.etag !== undefined) add(304, "If-None-Match names the current ETag");
  if (policies.cache?.precondition !== undefined) add(412, "If-Match names another version");
  if (policies.cache?.precondition === "required") add(428, "If-Match missing");
  if (policies.rateLimit !== undefined) {
    add(429, "rate limit");
    if (policies.rateLimit.rules.some((rule) => !rule.failOpen)) add(503, "rate-limit store unavailable");
  }
  return [...implied].sort(([a], [b]) => a - b).map(([status, reason]) => ({ status, reason }));
}

/** Whether the operation's responses cover a status: itself, its range (`4XX`) or `default`. */
export function declaresStatus(operation: Pick<Operation, "responses">, status: number): boolean {
  const keys = new Set(operation.responses.map((response) => response.status.toUpperCase()));
  return keys.has(String(status)) || keys.has(`${String(status).charAt(0)}XX`) || keys.has("DEFAULT");
}
