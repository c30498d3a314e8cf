import type { OperationContract, ParameterContract, SecuritySchemeContract } from "../contract.js";
import { isJsonMediaType, mediaTypeEssence } from "./body.js";
import { queryNames } from "./parameters.js";
import type { OperationValidators } from "./validation.js";

/**
 * An operation as the pipeline routes to it: its contract, its generated name, and what every
 * request to it needs worked out once, when the pipeline is made, instead of on each request.
 */
export interface Route extends OperationContract {
  readonly id: string;
  /** The locations it declares parameters in, each once, in reading order. */
  readonly parameterLocations: readonly ParameterContract["in"][];
  /** The names of its query parameters. */
  readonly queryNames: ReadonlySet<string>;
  /** Whether anything it declares reads cookies (a cookie parameter, an API key sent as one). */
  readonly readsCookies: boolean;
  /** Its request body's declared media types with their essences (lower case, no parameters). */
  readonly bodyTypes: readonly DeclaredType[];
  /** How each status it answers goes out, found on the first response with that status. */
  readonly replies: Map<number, Reply>;
  /** Whether one security scheme is in more than one of its alternatives (then each is verified once). */
  readonly repeatsScheme: boolean;
  /** Its request and response validators, each built on first use. */
  readonly validators: OperationValidators;
}

export interface DeclaredType {
  readonly declared: string;
  readonly essence: string;
}

/** How a status of an operation is sent. */
export interface Reply {
  /** The `responses` key that covers it: the status, its range (`4XX`), or `default`. */
  readonly key: string | undefined;
  /** The media type a result is sent as: the first JSON type the response declares, else its first. */
  readonly mediaType: string;
  readonly json: boolean;
  /** A JSON body's `Content-Type` (with its charset); other bodies' types depend on the body. */
  readonly jsonContentType: string;
}

const LOCATIONS = ["path", "query", "header", "cookie"] as const;

/**
 * Every route has the same properties in the same order, the optional ones present (undefined)
 * where the contract has none: the pipeline reads them on every request, and objects of one shape
 * keep those reads fast however many operations a contract has.
 */
export function toRoute(
  id: string,
  operation: OperationContract,
  schemes: Readonly<Record<string, SecuritySchemeContract>>,
  validators: OperationValidators,
): Route {
  const route = {
    method: operation.method,
    path: operation.path,
    operationId: operation.operationId,
    tags: operation.tags,
    parameters: operation.parameters,
    requestBody: operation.requestBody,
    responses: operation.responses,
    security: operation.security,
    deprecated: operation.deprecated,
    sunset: operation.sunset,
    pagination: operation.pagination,
    idempotency: operation.idempotency,
    cache: operation.cache,
    sort: operation.sort,
    fields: operation.fields,
    expand: operation.expand,
    rateLimits: operation.rateLimits,
    id,
    parameterLocations: LOCATIONS.filter((location) =>
      operation.parameters.some((parameter) => parameter.in === location),
    ),
    queryNames: queryNames(operation.parameters),
    readsCookies:
      operation.parameters.some((parameter) => parameter.in === "cookie") ||
      operation.security.some((alternative) =>
        alternative.some((entry) => schemes[entry.scheme]?.in === "cookie"),
      ),
    bodyTypes: (operation.requestBody?.contentTypes ?? []).map((declared) => ({
      declared,
      essence: mediaTypeEssence(declared),
    })),
    replies: new Map<number, Reply>(),
    repeatsScheme: repeatsScheme(operation.security),
    validators,
  };
  return route as Route;
}

function repeatsScheme(security: OperationContract["security"]): boolean {
  const schemes = security.flatMap((alternative) => alternative.map((entry) => entry.scheme));
  return new Set(schemes).size < schemes.length;
}

/** How `status` goes out for `operation`; statuses are integers 200–599, so the cache is bounded. */
export function replyFor(operation: Route, status: number): Reply {
  let reply = operation.replies.get(status);
  if (reply === undefined) {
    const key = responseKey(operation, status);
    const mediaType = responseMediaType(operation, key);
    reply = {
      key,
      mediaType,
      json: isJsonMediaType(mediaType),
      jsonContentType: `${mediaType}; charset=utf-8`,
    };
    operation.replies.set(status, reply);
  }
  return reply;
}

/** The key of `responses` that covers a status: itself, its range (`4XX`), or `default`. */
function responseKey(operation: OperationContract, status: number): string | undefined {
  const candidates = [String(status), `${String(status).charAt(0)}XX`, "default"];
  return candidates.find((key) => Object.hasOwn(operation.responses, key));
}

function responseMediaType(operation: OperationContract, key: string | undefined): string {
  const types = key === undefined ? [] : (operation.responses[key] ?? []);
  return types.find((type) => isJsonMediaType(type)) ?? types[0] ?? "application/json";
}
