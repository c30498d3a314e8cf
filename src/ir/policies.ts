import type { Operation, Parameter, Policies } from "./model.js";
import { isRecord } from "./context.js";

/**
 * Which contract policies apply to an operation, and whether the contract says so explicitly
 * (`x-pagination`, `x-idempotency`, `x-rate-limit`) or by an unambiguous shape. `x-…: false`
 * turns a policy off. The policies' settings are read by the middleware issue's builders.
 */
export function buildPolicies(
  raw: { root: Record<string, unknown>; pathItem: Record<string, unknown>; operation: Record<string, unknown> },
  shape: Pick<Operation, "method" | "parameters">,
): Policies {
  return {
    pagination: pagination(raw.operation["x-pagination"], shape),
    idempotency: idempotency(raw.operation["x-idempotency"], shape),
    rateLimit: rateLimit(raw),
  };
}

const PAGINATION_STYLES = new Set(["cursor", "offset", "page"]);

function pagination(extension: unknown, shape: Pick<Operation, "method" | "parameters">): Policies["pagination"] {
  if (extension === false) return undefined;
  if (isRecord(extension) && typeof extension.style === "string" && PAGINATION_STYLES.has(extension.style)) {
    return { style: extension.style as "cursor" | "offset" | "page", source: "explicit" };
  }
  if (shape.method !== "get") return undefined;
  // Only integer page numbers, offsets and limits are unambiguous (Stripe's `page`, for one, is a token).
  const query = new Map(shape.parameters.query.map((parameter) => [parameter.name, parameter]));
  const integer = (name: string) => {
    const schema = query.get(name)?.schema;
    return typeof schema === "object" && schema.type === "integer";
  };
  const has = (name: string) => query.has(name);
  if (has("cursor") && integer("limit")) return { style: "cursor", source: "inferred" };
  if (integer("offset") && integer("limit")) return { style: "offset", source: "inferred" };
  if (integer("page") && (integer("per_page") || integer("page_size") || integer("limit"))) {
    return { style: "page", source: "inferred" };
  }
  return undefined;
}

function idempotency(extension: unknown, shape: Pick<Operation, "method" | "parameters">): Policies["idempotency"] {
  if (extension === false) return undefined;
  const declared = shape.parameters.header.find((parameter: Parameter) => parameter.name.toLowerCase() === "idempotency-key");
  if (isRecord(extension)) {
    return {
      required: extension.required === true,
      header: typeof extension.header === "string" ? extension.header : (declared?.name ?? "Idempotency-Key"),
      source: "explicit",
    };
  }
  if (declared !== undefined && shape.method !== "get" && shape.method !== "head") {
    return { required: declared.required, header: declared.name, source: "inferred" };
  }
  return undefined;
}

function rateLimit(raw: {
  root: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
}): Policies["rateLimit"] {
  for (const scope of ["operation", "pathItem", "root"] as const) {
    const extension = raw[scope]["x-rate-limit"];
    if (extension === false) return undefined;
    if (isRecord(extension)) return { scope: scope === "pathItem" ? "path" : scope, source: "explicit" };
  }
  return undefined;
}
