import { parseKey } from "../golden/hardening/runtime/server/idempotency.js";
import type { RawReply } from "../server/raw.js";
import type { WireRequest } from "./requests.js";
import type { Target } from "./targets.js";

/**
 * Statuses any request may get whatever its operation: 400 (a query string that does not
 * percent-decode, or HTTP Node's parser refuses), 404 and 405 (no operation matches), 431
 * (headers over Node's 16 KiB limit). The README's "Limits and guarantees" lists them.
 */
export const UNIVERSAL_STATUSES: ReadonlySet<number> = new Set([400, 404, 405, 431]);

/** Records which idempotent requests ran their handler: at most one per principal, key and target. */
export class HandlerRuns {
  readonly #runs = new Map<string, number>();

  /** Counts a first (not replayed) success; returns how many there have been for the same key. */
  record(target: Target, operationId: string, params: ReadonlyMap<string, string>, request: WireRequest): number {
    const header = (name: string) => request.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v).join(", ");
    const key = parseKey(header("idempotency-key"));
    if (key === undefined) return 0;
    const decoded = [...params].map(([name, value]) => `${name}=${safeDecode(value)}`).join("&");
    const id = `${target.name} ${operationId} ${decoded} principal=${header("x-api-key")} key=${key}`;
    const count = (this.#runs.get(id) ?? 0) + 1;
    this.#runs.set(id, count);
    return count;
  }
}

/** What is wrong with one reply, judged from the outside; empty when nothing is. */
export function judge(target: Target, request: WireRequest, reply: RawReply | undefined, runs: HandlerRuns): string[] {
  if (reply === undefined) return ["the connection closed without a response"];
  const requestId = reply.headers.get("x-request-id")?.[0];
  const errors = target.errors.filter((entry) => entry.requestId === requestId).map((entry) => entry.error);
  const problems: string[] = [];
  const pathOnly = request.path.split("?")[0] ?? request.path;
  let matched: ReturnType<Target["routes"]["match"]>;
  try {
    matched = target.routes.match(request.method, pathOnly);
  } catch {
    matched = { kind: "not-found" };
  }
  const status = reply.status;
  if (status >= 500) {
    const faults = errors.filter((error) => !isHandlerFault(error));
    if (status !== 500) problems.push(`status ${status}: no store is down and every handler is written`);
    else if (errors.length === 0) problems.push("a 500 that onError never heard of");
    else if (faults.length > 0) problems.push(`a 500 not caused by a handler: ${String(faults[0])}`);
    return problems;
  }
  if (matched.kind !== "found") {
    if (!UNIVERSAL_STATUSES.has(status)) problems.push(`status ${status} for a request no operation matches`);
    return problems;
  }
  const operation = matched.route;
  const declared = target.declared.get(operation.id) ?? new Set();
  const covered = declared.has(String(status)) || declared.has(`${String(status).charAt(0)}XX`) || declared.has("DEFAULT");
  if (!covered && !UNIVERSAL_STATUSES.has(status) && !(target.implied.get(operation.id)?.has(status) ?? false)) {
    problems.push(`${operation.id} answered ${status}, which the contract does not declare and the server does not imply`);
  }
  if (operation.idempotency !== undefined && status < 300 && reply.headers.get("idempotency-replay")?.[0] !== "true") {
    const count = runs.record(target, operation.id, matched.params, request);
    if (count > 1) problems.push(`${operation.id}'s handler ran ${count} times for one key and principal`);
  }
  return problems;
}

function isHandlerFault(error: unknown): boolean {
  // Each fixture has its own runtime copy, so the class is recognised by name.
  if (error instanceof Error && error.name === "ResponseValidationError") return true;
  if (error instanceof Error && error.message.startsWith("a handler returned")) return true;
  return error instanceof Error && (error.stack ?? "").includes("/test/server/apps/");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
