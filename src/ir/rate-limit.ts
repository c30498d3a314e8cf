import type { RateLimitRule } from "./model.js";
import { BuildContext, isRecord } from "./context.js";
import { parseDuration } from "./duration.js";
import { escapeToken } from "../pointer.js";

const ALGORITHMS = new Set(["fixed-window", "sliding-window", "sliding-window-log", "token-bucket", "gcra"]);

export interface RateLimitSources {
  root: unknown;
  pathItem: unknown;
  operation: unknown;
  pointers: { root: string; pathItem: string; operation: string };
}

/**
 * The `x-rate-limit` rules that apply to an operation (DESIGN.md): the document's, the path
 * item's and the operation's own all apply together; `x-rate-limit: false` exempts the operation
 * from that level and every broader one. Invalid values are spec errors at their pointer.
 */
export function buildRateLimits(sources: RateLimitSources, context: BuildContext): RateLimitRule[] | undefined {
  const rules: RateLimitRule[] = [];
  for (const scope of ["operation", "pathItem", "root"] as const) {
    const extension = sources[scope];
    const pointer = `${sources.pointers[scope]}/x-rate-limit`;
    if (extension === undefined) continue;
    if (extension === false) break;
    rules.push(buildRule(extension, scope === "pathItem" ? "path" : scope, pointer, context));
  }
  return rules.length > 0 ? rules : undefined;
}

function buildRule(value: unknown, scope: RateLimitRule["scope"], pointer: string, context: BuildContext): RateLimitRule {
  if (!isRecord(value)) {
    throw context.error("x-rate-limit must be an object or false", pointer, "write e.g. { limit: 100, window: 60s, algorithm: token-bucket, key: ip }");
  }
  const algorithm = value.algorithm ?? "fixed-window";
  if (typeof algorithm !== "string" || !ALGORITHMS.has(algorithm)) {
    throw context.error(`unknown rate-limit algorithm ${JSON.stringify(algorithm)}`, `${pointer}/algorithm`, `use one of ${[...ALGORITHMS].join(", ")}`);
  }
  const limit = positiveInteger(value.limit, `${pointer}/limit`, "limit", context);
  const windowMs = parseDuration(value.window);
  if (windowMs === undefined) {
    throw context.error("x-rate-limit window is not a duration", `${pointer}/window`, "write seconds as a number, or a string such as 500ms, 60s, 5m, 1h");
  }
  const burst = value.burst === undefined ? undefined : positiveInteger(value.burst, `${pointer}/burst`, "burst", context);
  const key = value.key ?? "ip";
  const keyMatch = typeof key === "string" ? /^(ip|principal|header:([!#$%&'*+.^_`|~0-9A-Za-z-]+))$/.exec(key) : null;
  if (keyMatch === null) {
    throw context.error(`unknown rate-limit key ${JSON.stringify(key)}`, `${pointer}/key`, "use ip, principal, or header:<Header-Name>");
  }
  const tiers: RateLimitRule["tiers"] = [];
  if (value.tiers !== undefined) {
    if (!isRecord(value.tiers)) throw context.error("x-rate-limit tiers must map plan names to limits", `${pointer}/tiers`, "write e.g. tiers: { free: 100, pro: 1000 }");
    for (const [plan, planLimit] of Object.entries(value.tiers)) {
      tiers.push({ plan, limit: positiveInteger(planLimit, `${pointer}/tiers/${escapeToken(plan)}`, `tier ${plan}`, context) });
    }
  }
  if (value.failOpen !== undefined && typeof value.failOpen !== "boolean") {
    throw context.error("x-rate-limit failOpen must be true or false", `${pointer}/failOpen`, "write failOpen: true (admit when the store is down) or false (answer 503)");
  }
  return {
    scope,
    algorithm: algorithm as RateLimitRule["algorithm"],
    limit,
    windowMs,
    burst,
    key: keyMatch[2] === undefined ? { by: keyMatch[1] as "ip" | "principal" } : { by: "header", header: keyMatch[2] },
    tiers,
    failOpen: value.failOpen !== false,
  };
}

function positiveInteger(value: unknown, pointer: string, what: string, context: BuildContext): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw context.error(`x-rate-limit ${what} must be a positive integer`, pointer, "write a whole number of requests, e.g. 100");
  }
  return value;
}
