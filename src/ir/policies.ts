import type { Operation, Parameter, Policies } from "./model.js";
import { BuildContext, isRecord } from "./context.js";
import { buildRateLimits } from "./rate-limit.js";
import { parseDuration } from "./duration.js";
import { buildPagination } from "./pagination.js";
import { buildCache } from "./cache.js";
import { buildSort } from "./sort.js";
import { buildFields } from "./fields.js";
import { buildExpand } from "./expand.js";

/**
 * Which contract policies apply to an operation, and whether the contract says so explicitly
 * (`x-pagination`, `x-idempotency`, `x-rate-limit`) or by an unambiguous shape. `x-…: false`
 * turns a policy off. The policies' settings are read by the middleware issue's builders.
 */
export function buildPolicies(
  raw: { root: Record<string, unknown>; pathItem: Record<string, unknown>; operation: Record<string, unknown> },
  shape: Pick<Operation, "method" | "parameters" | "responses">,
  pointers: { pathItem: string; operation: string },
  context: BuildContext,
): Policies {
  const rules = buildRateLimits(
    {
      root: raw.root["x-rate-limit"],
      pathItem: raw.pathItem["x-rate-limit"],
      operation: raw.operation["x-rate-limit"],
      pointers: { root: "#", ...pointers },
    },
    context,
  );
  const pagination = buildPagination(raw.operation["x-pagination"], shape, `${pointers.operation}/x-pagination`, context);
  return {
    pagination,
    idempotency: idempotency(raw.operation["x-idempotency"], shape, `${pointers.operation}/x-idempotency`, context),
    cache: buildCache(raw.operation["x-cache"], shape, `${pointers.operation}/x-cache`, context),
    sort: buildSort(raw.operation["x-sort"], shape, `${pointers.operation}/x-sort`, context),
    fields: buildFields(raw.operation["x-fields"], shape, pagination, `${pointers.operation}/x-fields`, context),
    expand: buildExpand(raw.operation["x-expand"], shape, pagination?.itemsPath, `${pointers.operation}/x-expand`, context),
    rateLimit: rules === undefined ? undefined : { scope: rules[0]?.scope ?? "root", source: "explicit", rules },
  };
}

const DEFAULT_TTL_MS = 24 * 3_600_000;
const DEFAULT_LEASE_MS = 60_000;

function idempotency(
  extension: unknown,
  shape: Pick<Operation, "method" | "parameters">,
  pointer: string,
  context: BuildContext,
): Policies["idempotency"] {
  if (extension === false) return undefined;
  const declared = shape.parameters.header.find((parameter: Parameter) => parameter.name.toLowerCase() === "idempotency-key");
  if (extension !== undefined && !isRecord(extension)) {
    throw context.error("x-idempotency must be an object or false", pointer, "write e.g. { required: true, ttl: 24h }");
  }
  if (isRecord(extension)) {
    if (extension.required !== undefined && typeof extension.required !== "boolean") {
      throw context.error("x-idempotency required must be true or false", `${pointer}/required`, "write required: true to refuse requests without a key");
    }
    const header = extension.header ?? declared?.name ?? "Idempotency-Key";
    if (typeof header !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
      throw context.error("x-idempotency header is not a header name", `${pointer}/header`, "write a header name such as Idempotency-Key");
    }
    return {
      required: extension.required === true,
      header,
      ttlMs: duration(extension.ttl, DEFAULT_TTL_MS, `${pointer}/ttl`, "ttl", context),
      leaseMs: duration(extension.lease, DEFAULT_LEASE_MS, `${pointer}/lease`, "lease", context),
      source: "explicit",
    };
  }
  if (declared !== undefined && shape.method !== "get" && shape.method !== "head") {
    return { required: declared.required, header: declared.name, ttlMs: DEFAULT_TTL_MS, leaseMs: DEFAULT_LEASE_MS, source: "inferred" };
  }
  return undefined;
}

function duration(value: unknown, fallback: number, pointer: string, what: string, context: BuildContext): number {
  if (value === undefined) return fallback;
  const ms = parseDuration(value);
  if (ms === undefined) throw context.error(`x-idempotency ${what} is not a duration`, pointer, "write seconds as a number, or a string such as 30s, 24h");
  return ms;
}
