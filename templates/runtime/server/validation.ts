import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import type { RegExpEngine } from "ajv/dist/types/index.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats, { type FormatsPlugin } from "ajv-formats";
import { pointerTo, type ErrorDetail, type ErrorLocation } from "./errors.js";
import { getOwn } from "./own.js";
import { linearRegExp, type BoundedPatternTest } from "./patterns.js";

/**
 * ajv-formats is CommonJS: its plugin is the import's `default` under Node's ESM loader, and the
 * import itself under bundlers and CommonJS.
 */
const addFormats = ((formats as { default?: FormatsPlugin }).default ?? formats) as FormatsPlugin;

/**
 * The contract's schemas as one JSON document: `spec` holds the schemas `$ref`s point to (at
 * their original pointers), `operations.<id>` the schemas of each operation's parameters (one
 * object schema per location), request bodies and responses (per media type).
 */
export interface ContractSchemas {
  readonly openapi: "3.0" | "3.1";
  readonly document: object;
}

/** Form bodies (fields arrive as text) are coerced to their schema's types, as parameters are. */
type Direction = "parameters" | "request" | "form" | "response";

/** At most this many problems are reported for one request. */
export const MAX_DETAILS = 100;

/**
 * Compiles each validator the first time it is needed and keeps it: startup stays fast on large
 * contracts, and no request compiles twice. Parameters are coerced from text to their declared
 * types (and take their defaults) as they are checked; bodies are checked as sent.
 */
export class ContractValidators {
  readonly #document: object;
  readonly #engines = new Map<Direction, Ajv>();
  readonly #openapi: "3.0" | "3.1";
  readonly #compiled = new Map<string, ValidateFunction | null>();
  readonly #regExp: RegExpEngine;

  /** `boundedPatterns` runs the patterns RE2 cannot (see `linearRegExp`). */
  constructor(schemas: ContractSchemas, boundedPatterns?: BoundedPatternTest) {
    this.#openapi = schemas.openapi;
    this.#document = schemas.document;
    this.#regExp = linearRegExp(boundedPatterns);
  }

  /** The validator of one location's parameters, or `undefined` when the operation declares none there. */
  parameters(operationId: string, location: string): ValidateFunction | undefined {
    return this.#get("parameters", ["operations", operationId, location]);
  }

  body(operationId: string, mediaType: string): ValidateFunction | undefined {
    const essence = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
    const form =
      essence === "application/x-www-form-urlencoded" || essence === "multipart/form-data";
    return this.#get(form ? "form" : "request", ["operations", operationId, "body", mediaType]);
  }

  response(operationId: string, status: string, mediaType: string): ValidateFunction | undefined {
    return this.#get("response", ["operations", operationId, "responses", status, mediaType]);
  }

  #get(direction: Direction, path: string[]): ValidateFunction | undefined {
    // A NUL cannot be in an operation id, media type or status, so the joined path is unambiguous.
    const key = `${direction}\0${path.join("\0")}`;
    let validate = this.#compiled.get(key);
    if (validate === undefined) {
      let node: unknown = this.#document;
      for (const segment of path) node = getOwn(node, segment);
      validate =
        node === undefined
          ? null
          : this.#engine(direction).compile({
              $ref: `contract#${path.map((s) => `/${encodeURIComponent(escape(s))}`).join("")}`,
            });
      this.#compiled.set(key, validate);
    }
    return validate ?? undefined;
  }

  #engine(direction: Direction): Ajv {
    let engine = this.#engines.get(direction);
    if (engine === undefined) {
      engine = createEngine(this.#openapi, direction, this.#regExp);
      engine.addSchema(this.#document, "contract");
      this.#engines.set(direction, engine);
    }
    return engine;
  }
}

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function createEngine(openapi: "3.0" | "3.1", direction: Direction, regExp: RegExpEngine): Ajv {
  const options: Options = {
    strict: false,
    allErrors: true,
    // Only a value's own keys count: `{}` has no `constructor` property to validate.
    ownProperties: true,
    validateSchema: false,
    logger: false,
    code: { regExp },
    // The handler's input is what the contract says it is: defaults applied to parameters and
    // to the request body (a parsed copy of the request's bytes), never to responses.
    ...(direction === "parameters" || direction === "form" ? { coerceTypes: "array" } : {}),
    useDefaults: direction !== "response",
  };
  const engine = openapi === "3.1" ? new Ajv2020(options) : new Ajv(options);
  addFormats(engine);
  engine.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  engine.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  engine.addFormat("float", { type: "number", validate: () => true });
  engine.addFormat("double", { type: "number", validate: () => true });
  engine.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  engine.addFormat("binary", true);
  engine.addFormat("password", true);
  // Properties marked readOnly are required only in responses; writeOnly ones only in requests.
  engine.addKeyword({
    keyword: "x-required-in-request",
    macro: (names: string[]) => (direction === "response" ? true : { required: names }),
  });
  engine.addKeyword({
    keyword: "x-required-in-response",
    macro: (names: string[]) => (direction === "response" ? { required: names } : true),
  });
  return engine;
}

/** Validation failures as error details: one per problem, each with its location and JSON pointer. */
export function toDetails(
  errors: readonly ErrorObject[] | null | undefined,
  location: ErrorLocation,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const detail = toDetail(error, location);
    const key = `${detail.pointer} ${detail.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push(detail);
    if (details.length === MAX_DETAILS) break;
  }
  return details;
}

function toDetail(error: ErrorObject, location: ErrorLocation): ErrorDetail {
  let pointer = error.instancePath;
  let message = error.message ?? "is invalid";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params["missingProperty"] === "string") {
    pointer += pointerTo(params["missingProperty"]);
    message = "is required";
  } else if (
    error.keyword === "additionalProperties" &&
    typeof params["additionalProperty"] === "string"
  ) {
    pointer += pointerTo(params["additionalProperty"]);
    message = "is not allowed";
  }
  const segments = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const field =
    segments.length === 0
      ? location
      : location === "body"
        ? segments.join(".")
        : (segments[0] ?? "");
  return { location, pointer, field, code: error.keyword, message };
}
