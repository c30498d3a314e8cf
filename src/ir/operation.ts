import { STABILITY_LEVELS, type HttpMethod, type Operation, type SecurityRequirement, type SecurityScheme, type StabilityLevel } from "./model.js";
import { BuildContext, isRecord, optionalString } from "./context.js";
import { buildParameters } from "./parameter.js";
import { buildRequestBody } from "./request-body.js";
import { buildResponses } from "./response.js";
import { buildSecurity } from "./security.js";
import { buildPolicies } from "./policies.js";
import { impliedStatuses } from "./implied-statuses.js";

export interface OperationSource {
  /** The key under `paths`. */
  path: string;
  method: HttpMethod;
  pathItem: Record<string, unknown>;
  pathPointer: string;
  operation: Record<string, unknown>;
  pointer: string;
}

/** An Operation Object (OpenAPI 3 §4.8.10); its `id` is assigned later, once all are known. */
export function buildOperation(
  source: OperationSource,
  root: { security: SecurityRequirement[]; schemes: SecurityScheme[]; document: Record<string, unknown> },
  context: BuildContext,
): Omit<Operation, "id"> {
  const built = buildDeclared(source, root, context);
  return { ...built, impliedStatuses: impliedStatuses(built) };
}

function buildDeclared(
  source: OperationSource,
  root: { security: SecurityRequirement[]; schemes: SecurityScheme[]; document: Record<string, unknown> },
  context: BuildContext,
): Omit<Operation, "id" | "impliedStatuses"> {
  const { operation, pointer, method } = source;
  const parameters = buildParameters(source.pathItem.parameters, operation.parameters, source.pathPointer, pointer, context);
  const deprecated = operation.deprecated === true;
  const responses = buildResponses(operation.responses, `${pointer}/responses`, context);
  return {
    operationId: optionalString(operation.operationId),
    method,
    path: pathTemplate(source.path),
    pathKey: source.path,
    pointer,
    summary: optionalString(operation.summary),
    description: optionalString(operation.description),
    deprecated,
    sunset: deprecated ? buildSunset(operation["x-sunset"], `${pointer}/x-sunset`, context) : undefined,
    stability: buildStability(operation["x-stability-level"], `${pointer}/x-stability-level`, context),
    tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === "string") : [],
    parameters,
    requestBody: buildRequestBody(operation.requestBody, `${pointer}/requestBody`, context),
    responses,
    security: "security" in operation
      ? buildSecurity(operation.security, `${pointer}/security`, root.schemes, context)
      : root.security,
    policies: buildPolicies(
      { root: root.document, pathItem: source.pathItem, operation: isRecord(operation) ? operation : {} },
      { method, parameters, responses },
      { pathItem: source.pathPointer, operation: pointer },
      context,
    ),
  };
}

/** `x-sunset`: an RFC 3339 date (`2027-06-30`) or date-time, sent as the `Sunset` header. */
function buildSunset(value: unknown, at: string, context: BuildContext): string | undefined {
  if (value === undefined) return undefined;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const valid =
    typeof text === "string" &&
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.test(text) &&
    !Number.isNaN(Date.parse(text));
  if (!valid) {
    throw context.error("x-sunset is not a date", at, 'write an RFC 3339 date such as "2027-06-30" (quoted in YAML)');
  }
  return text;
}

/** `x-stability-level` (the convention oasdiff users write): how freely the operation may still change. */
function buildStability(value: unknown, at: string, context: BuildContext): StabilityLevel | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(STABILITY_LEVELS as readonly string[]).includes(value)) {
    throw context.error("x-stability-level is not a known level", at, `write one of ${STABILITY_LEVELS.join(", ")}`);
  }
  return value as StabilityLevel;
}

/**
 * The path template of a `paths` key: the part before any `#` or `?`. Vendors key two operations
 * on one URL apart that way (`/folders/{id}#get_shared_link`); the rest never reaches a URL.
 */
export function pathTemplate(key: string): string {
  const end = key.search(/[#?]/);
  return end < 0 ? key : key.slice(0, end);
}
