import {
  matchMediaType,
  mediaTypeEssence,
  parseBody,
  parseMultipart,
  readBody,
  type ParsedBody,
  validateWithFiles,
} from "./body.js";
import { checkDepth } from "./depth.js";
import { HttpError, type ErrorDetail, type ErrorLocation } from "./errors.js";
import { headerValue, type ServerRequest } from "./http.js";
import { readParameters, type ParameterValues, type QueryPairs } from "./parameters.js";
import { usePatternBudget } from "./patterns.js";
import type { Route } from "./route.js";
import { isThenable } from "./thenable.js";
import { toDetails } from "./validation.js";

/** The bounds one request is read within. */
export interface InputLimits {
  /** Largest body, in bytes (413 past it). */
  bodyLimit: number;
  /** Deepest nesting of a body (400 past it). */
  depthLimit: number;
  /** Milliseconds for patterns RE2 cannot run. */
  patternTimeLimit: number;
}

/** What the request carries besides its body, already split out of it. */
export interface RawInput {
  params: ReadonlyMap<string, string>;
  query: QueryPairs;
  cookies: ReadonlyMap<string, string>;
}

const INPUT_KEYS = { path: "path", query: "query", header: "headers", cookie: "cookies" } as const;

/** The handler's input (without principal and page) and the typed parameter values. */
export interface ReadInput {
  input: Record<string, unknown>;
  values: ParameterValues;
}

/**
 * The parse and validate steps: every declared parameter read by its style and coerced, the body
 * read within its limits and decoded by its media type, and both checked against the contract.
 * Any problem is one 400 listing them all (or a 413/415 for the body). An operation without a
 * body is read at once, without a promise; one with a body once its bytes have arrived.
 */
export function readInput(
  operation: Route,
  request: ServerRequest,
  raw: RawInput,
  limits: InputLimits,
): ReadInput | Promise<ReadInput> {
  const patternBudget = { remainingMs: limits.patternTimeLimit };
  usePatternBudget(patternBudget);
  const values = readParameters(operation.parameterPlan, {
    path: raw.params,
    query: raw.query,
    headers: request.headers,
    cookies: raw.cookies,
  });
  const details = validateParameters(operation, values, raw.query.length === 0);
  const input: Record<string, unknown> = {};
  for (const [location] of operation.parameterPlan.locations)
    input[INPUT_KEYS[location]] = values[location];
  if (operation.requestBody === null) return checked(input, values, details);
  const withBody = (body: RequestBody): ReadInput => {
    if (body.mediaType !== undefined && body.validatable) {
      checkDepth(body.value, limits.depthLimit);
      const validate = operation.validators.body(body.mediaType);
      // The body may have been awaited: this request's budget is made current again.
      usePatternBudget(patternBudget);
      // Only a body with files needs them stood in for; any other is validated without another walk.
      const valid =
        validate === undefined ||
        (body.files ? validateWithFiles(body.value, validate) : validate(body.value));
      if (!valid) details.push(...toDetails(validate.errors, "body"));
    }
    input["body"] = body.value;
    // The declared media type the body came as: handlers of operations with several tell them apart by it.
    if (body.mediaType !== undefined) input["contentType"] = body.mediaType;
    return checked(input, values, details);
  };
  const body = readRequestBody(request, operation, limits.bodyLimit);
  return isThenable(body) ? body.then(withBody) : withBody(body);
}

/** The input when nothing is wrong with it; otherwise the one 400 that lists every problem. */
function checked(
  input: Record<string, unknown>,
  values: ParameterValues,
  details: ErrorDetail[],
): ReadInput {
  if (details.length > 0)
    throw new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", details);
  return { input, values };
}

/**
 * Each location's parameters checked against their schema. A request without a query string
 * skips the query's check where the operation's query schema takes an empty record as it is.
 */
function validateParameters(
  operation: Route,
  values: ParameterValues,
  noQuery: boolean,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const [location] of operation.parameterPlan.locations) {
    if (noQuery && location === "query" && operation.validators.acceptsEmptyQuery()) continue;
    const validate = operation.validators.parameters(location);
    if (validate !== undefined && !validate(values[location])) {
      details.push(...toDetails(validate.errors, location as ErrorLocation));
    }
  }
  return details;
}

/** A request's body as read: its declared media type and value (none when it sent no body). */
type RequestBody = Omit<ParsedBody, "mediaType"> & { mediaType: string | undefined };

/** The body, decoded: at once when there is nothing to read, else once its bytes have arrived. */
function readRequestBody(
  request: ServerRequest,
  operation: Route,
  limit: number,
): RequestBody | Promise<RequestBody> {
  const length = headerValue(request.headers, "content-length");
  const chunked = headerValue(request.headers, "transfer-encoding") !== undefined;
  const hasBody =
    request.parsedBody !== undefined ||
    (request.hasBody ?? (chunked || (length !== undefined && length !== "0")));
  const contentType = headerValue(request.headers, "content-type");
  if (!hasBody) {
    if (operation.requestBody?.required === true) {
      const detail: ErrorDetail = {
        location: "body",
        pointer: "",
        field: "body",
        code: "required",
        message: "is required",
      };
      throw new HttpError(400, "VALIDATION_ERROR", "The request is invalid.", [detail]);
    }
    return { mediaType: undefined, value: undefined, validatable: false };
  }
  const essence = contentType === undefined ? undefined : mediaTypeEssence(contentType);
  const mediaType =
    essence === undefined ? undefined : matchMediaType(essence, operation.bodyTypes);
  if (contentType === undefined || essence === undefined || mediaType === undefined) {
    const declared = operation.bodyTypes.map((type) => type.declared);
    throw new HttpError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `The request body must be sent as ${declared.join(" or ")}.`,
      [],
      new Map([["accept", declared.join(", ")]]),
    );
  }
  if (request.parsedBody !== undefined)
    return { mediaType, value: request.parsedBody.value, validatable: true };
  return readBody(request.body, limit, length).then((bytes) => {
    if (bytes.byteLength === 0 && operation.requestBody?.required !== true) {
      return { mediaType: undefined, value: undefined, validatable: false };
    }
    if (essence === "multipart/form-data") return parseMultipart(bytes, contentType, mediaType);
    return parseBody(bytes, essence, mediaType);
  });
}
