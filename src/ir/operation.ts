import type { HttpMethod, Operation, SecurityRequirement, SecurityScheme } from "./model.js";
import { BuildContext, isRecord, optionalString } from "./context.js";
import { buildParameters } from "./parameter.js";
import { buildRequestBody } from "./request-body.js";
import { buildResponses } from "./response.js";
import { buildSecurity } from "./security.js";
import { buildPolicies } from "./policies.js";

export interface OperationSource {
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
  const { operation, pointer, method } = source;
  const parameters = buildParameters(source.pathItem.parameters, operation.parameters, source.pathPointer, pointer, context);
  const deprecated = operation.deprecated === true;
  return {
    operationId: optionalString(operation.operationId),
    method,
    path: source.path,
    pointer,
    summary: optionalString(operation.summary),
    description: optionalString(operation.description),
    deprecated,
    sunset: deprecated ? optionalString(operation["x-sunset"]) : undefined,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === "string") : [],
    parameters,
    requestBody: buildRequestBody(operation.requestBody, `${pointer}/requestBody`, context),
    responses: buildResponses(operation.responses, `${pointer}/responses`, context),
    security: "security" in operation
      ? buildSecurity(operation.security, `${pointer}/security`, root.schemes, context)
      : root.security,
    policies: buildPolicies(
      { root: root.document, pathItem: source.pathItem, operation: isRecord(operation) ? operation : {} },
      { method, parameters },
    ),
  };
}
