import type { OperationContract, SecuritySchemeContract } from "../contract.js";
import { isJsonMediaType, mediaTypeEssence } from "./body.js";
import { parameterPlan, type ParameterPlan } from "./parameters.js";
import type { ContractValidators, OperationValidators } from "./validation.js";

/**
 * An operation as the pipeline routes to it: its contract, its generated name, and what every
 * request to it needs worked out once, when the pipeline is made, instead of on each request.
 */
export interface Route extends OperationContract {
  readonly id: string;
  /** Its parameters by location, as a request reads them. */
  readonly parameterPlan: ParameterPlan;
  /** Whether anything it declares reads cookies (a cookie parameter, an API key sent as one). */
  readonly readsCookies: boolean;
  /** Its request body's declared media types with their essences (lower case, no parameters). */
  readonly bodyTypes: readonly DeclaredType[];
  /** How each status it answers goes out, found on the first response with that status. */
  readonly replies: Map<number, Reply>;
  /** Whether one security scheme is in more than one of its alternatives (then each is verified once). */
  readonly repeatsScheme: boolean;
  /**
   * Its request and response validators, each built once: in the background once the pipeline is
   * made (prebuild.ts), or on first use.
   */
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

/**
 * The routes of a contract's operations. What many operations declare alike (their security, their
 * responses, the same parameters) is held once and shared: a request reads these on every call,
 * and traffic spread over many operations then touches a few shared objects, still in the CPU's
 * caches, instead of each operation's own copy.
 */
export function toRoutes(
  operations: Readonly<Record<string, OperationContract>>,
  schemes: Readonly<Record<string, SecuritySchemeContract>>,
  validators: ContractValidators,
): Route[] {
  const alike = new Alike();
  return Object.entries(operations).map(([id, operation]) =>
    toRoute(id, operation, schemes, validators.forOperation(id), alike),
  );
}

/**
 * Every route has the same properties in the same order, the optional ones present (undefined)
 * where the contract has none: the pipeline reads them on every request, and objects of one shape
 * keep those reads fast however many operations a contract has. What every request reads comes
 * first, so that a request touches the fewest of the object's cache lines.
 */
function toRoute(
  id: string,
  operation: OperationContract,
  schemes: Readonly<Record<string, SecuritySchemeContract>>,
  validators: OperationValidators,
  alike: Alike,
): Route {
  const parameters = alike.one(operation.parameters);
  const responses = alike.one(operation.responses);
  const security = alike.one(operation.security);
  const route = {
    id,
    method: operation.method,
    deprecated: operation.deprecated,
    readsCookies:
      parameters.some((parameter) => parameter.in === "cookie") ||
      security.some((alternative) =>
        alternative.some((entry) => schemes[entry.scheme]?.in === "cookie"),
      ),
    security,
    repeatsScheme: repeatsScheme(security),
    rateLimits: operation.rateLimits,
    parameterPlan: alike.derived(parameters, () => parameterPlan(parameters)),
    validators,
    requestBody: alike.one(operation.requestBody),
    sort: operation.sort,
    expand: operation.expand,
    fields: operation.fields,
    cache: operation.cache,
    pagination: operation.pagination,
    idempotency: operation.idempotency,
    // How each status goes out depends on the responses alone: operations with the same share it.
    replies: alike.derived(responses, () => new Map<number, Reply>()),
    path: operation.path,
    operationId: operation.operationId,
    tags: operation.tags,
    parameters,
    responses,
    sunset: operation.sunset,
    bodyTypes: alike.one(
      (operation.requestBody?.contentTypes ?? []).map((declared) => ({
        declared,
        essence: mediaTypeEssence(declared),
      })),
    ),
  };
  return route as Route;
}

/**
 * One copy of each value by its JSON text, and of what is worked out from one. Only for values of
 * strings, booleans and lists and records of them, which their JSON text names exactly.
 */
class Alike {
  readonly #byText = new Map<string, unknown>();
  readonly #derived = new Map<object, unknown>();

  /** The first value seen with `value`'s JSON text (values are contract data: never changed). */
  one<V>(value: V): V {
    if (typeof value !== "object" || value === null) return value;
    const text = JSON.stringify(value);
    const known = this.#byText.get(text);
    if (known !== undefined) return known as V;
    this.#byText.set(text, value);
    return value;
  }

  /** What `make` works out from a shared value, made once per value (each value has one use). */
  derived<V>(from: object, make: () => V): V {
    if (!this.#derived.has(from)) this.#derived.set(from, make());
    return this.#derived.get(from) as V;
  }
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

/** The media type a response with that key goes out as: its first JSON type, else its first. */
export function responseMediaType(operation: OperationContract, key: string | undefined): string {
  const types = key === undefined ? [] : (operation.responses[key] ?? []);
  return types.find((type) => isJsonMediaType(type)) ?? types[0] ?? "application/json";
}
