import { pointerTo, type ErrorDetail, type ErrorLocation } from "./errors.js";
import { dataRecord, getOwn } from "./own.js";
import type { ParameterLocation } from "./parameters.js";
import { linearRegExp, type BoundedPatternTest } from "./patterns.js";
import { parsed } from "./schema-text.js";
import {
  SchemaChecks,
  type CheckOptions,
  type SchemaError,
  type Validator,
} from "./schema-check.js";

/**
 * The contract's schemas as one JSON document: `spec` holds the schemas `$ref`s point to (at
 * their original pointers), `operations.<id>` the schemas of each operation's parameters (one
 * object schema per location), request bodies and responses (per media type). Any node may be a
 * `SchemaText`, read as the schema it spells.
 */
export interface ContractSchemas {
  readonly openapi: "3.0" | "3.1";
  readonly document: object;
}

/** Form bodies (fields arrive as text) are coerced to their schema's types, as parameters are. */
type Direction = "parameters" | "request" | "form" | "response";

/** The longest schema text (in characters) under which validators are shared between operations. */
const SHARED_TEXT_LIMIT = 4096;

/** At most this many problems are reported for one request. */
export const MAX_DETAILS = 100;

/**
 * Builds each validator the first time it is needed and keeps it: startup stays fast on large
 * contracts, and no request builds one twice. Validators are closures over the schemas (no code
 * is compiled at run time). Parameters are coerced from text to their declared types (and take
 * their defaults) as they are checked; bodies are checked as sent.
 */
export class ContractValidators {
  readonly #document: object;
  readonly #checks = new Map<Direction, SchemaChecks>();
  readonly #openapi: "3.0" | "3.1";
  /** Each operation's validators, made on first use. */
  readonly #operations = new Map<string, OperationValidators>();
  readonly #pattern: CheckOptions["pattern"];
  /**
   * Validators by direction and schema text: operations whose schemas are alike (Stripe's 311
   * path-parameter schemas are 78 different ones) share one, built once. Only schemas of up to
   * {@link SHARED_TEXT_LIMIT} characters are kept so, which bounds the memory the texts hold.
   */
  readonly #byText = new Map<string, Validator>();

  /** `boundedPatterns` runs the patterns RE2 cannot (see `linearRegExp`). */
  constructor(schemas: ContractSchemas, boundedPatterns?: BoundedPatternTest) {
    this.#openapi = schemas.openapi;
    this.#document = schemas.document;
    this.#pattern = linearRegExp(boundedPatterns);
  }

  /** One operation's validators: the pipeline keeps them on its route, so a request looks up none by name. */
  forOperation(operationId: string): OperationValidators {
    let validators = this.#operations.get(operationId);
    if (validators === undefined) {
      validators = new OperationValidators((direction, path) =>
        this.#build(operationId, direction, path),
      );
      this.#operations.set(operationId, validators);
    }
    return validators;
  }

  /** The validator of one location's parameters, or `undefined` when the operation declares none there. */
  parameters(operationId: string, location: string): Validator | undefined {
    return this.forOperation(operationId).parameters(location);
  }

  body(operationId: string, mediaType: string): Validator | undefined {
    return this.forOperation(operationId).body(mediaType);
  }

  response(operationId: string, status: string, mediaType: string): Validator | undefined {
    return this.forOperation(operationId).response(status, mediaType);
  }

  /** Builds the validator of the schema at `operations/<id>/<path>`, or `undefined` where there is none. */
  #build(
    operationId: string,
    direction: Direction,
    path: readonly string[],
  ): Validator | undefined {
    let node: unknown = getOwn(getOwn(this.#document, "operations"), operationId);
    for (const segment of path) node = getOwn(parsed(node), segment);
    node = parsed(node);
    if (node === undefined) return undefined;
    // The text names the schema whole: `$ref`s stay pointers into the one document.
    const text = `${direction} ${JSON.stringify(node)}`;
    const shared = text.length <= SHARED_TEXT_LIMIT;
    let validate = shared ? this.#byText.get(text) : undefined;
    if (validate === undefined) {
      validate = this.#checksFor(direction).validator(node);
      if (shared) this.#byText.set(text, validate);
    }
    return validate;
  }

  #checksFor(direction: Direction): SchemaChecks {
    let checks = this.#checks.get(direction);
    if (checks === undefined) {
      checks = new SchemaChecks({
        coerce: direction === "parameters" || direction === "form",
        // The handler's input is what the contract says it is: defaults applied to parameters and
        // to the request body (a parsed copy of the request's bytes), never to responses.
        defaults: direction !== "response",
        direction: direction === "response" ? "response" : "request",
        draft2020: this.#openapi === "3.1",
        resolve: (ref) => resolvePointer(this.#document, ref),
        pattern: this.#pattern,
      });
      this.#checks.set(direction, checks);
    }
    return checks;
  }
}

/**
 * The validators of one operation, each built the first time it is needed and kept (`null`: the
 * contract has no schema there).
 */
export class OperationValidators {
  readonly #build: (direction: Direction, path: readonly string[]) => Validator | undefined;
  /**
   * One slot per location, all there from the start: every operation's slots have one shape, and a
   * request reads its slot as a field, not through a map's hash table.
   */
  readonly #parameters: Record<ParameterLocation, Validator | null | undefined> = {
    path: undefined,
    query: undefined,
    header: undefined,
    cookie: undefined,
  };
  /** Whether an empty query record passes as it is; worked out on first use. */
  #acceptsEmptyQuery: boolean | undefined = undefined;
  readonly #bodies = new Map<string, Validator | null>();
  readonly #responses = new Map<string, Validator | null>();

  constructor(build: (direction: Direction, path: readonly string[]) => Validator | undefined) {
    this.#build = build;
  }

  /** The validator of one location's parameters, or `undefined` when the operation declares none there. */
  parameters(location: string): Validator | undefined {
    if (!isParameterLocation(location)) return undefined;
    const known = this.#parameters[location];
    if (known !== undefined) return known ?? undefined;
    const built = this.#build("parameters", [location]);
    this.#parameters[location] = built ?? null;
    return built;
  }

  /**
   * Whether the query's schema takes a record with nothing in it as it is: valid, and no default
   * added. That verdict is the schema's alone, so it is worked out once, and a request without a
   * query string then needs no check of its query.
   */
  acceptsEmptyQuery(): boolean {
    if (this.#acceptsEmptyQuery === undefined) {
      const validate = this.parameters("query");
      const record = dataRecord();
      this.#acceptsEmptyQuery =
        validate === undefined || (validate(record) && Object.keys(record).length === 0);
    }
    return this.#acceptsEmptyQuery;
  }

  body(mediaType: string): Validator | undefined {
    const known = this.#bodies.get(mediaType);
    if (known !== undefined) return known ?? undefined;
    const essence = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
    const form =
      essence === "application/x-www-form-urlencoded" || essence === "multipart/form-data";
    return keep(
      this.#bodies,
      mediaType,
      this.#build(form ? "form" : "request", ["body", mediaType]),
    );
  }

  response(status: string, mediaType: string): Validator | undefined {
    // A status has no space, so the key names one status and media type.
    const key = `${status} ${mediaType}`;
    const known = this.#responses.get(key);
    if (known !== undefined) return known ?? undefined;
    return keep(this.#responses, key, this.#build("response", ["responses", status, mediaType]));
  }
}

function isParameterLocation(location: string): location is ParameterLocation {
  return (
    location === "path" || location === "query" || location === "header" || location === "cookie"
  );
}

/** Keeps a validator just built (`null` for none) and returns it. */
function keep(
  kept: Map<string, Validator | null>,
  key: string,
  validate: Validator | undefined,
): Validator | undefined {
  kept.set(key, validate ?? null);
  return validate;
}

/** The node a local `$ref` (`#/spec/...`) points to in the document, schema texts read on the way. */
function resolvePointer(document: object, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = document;
  for (const token of ref.slice(1).split("/").slice(1)) {
    node = getOwn(parsed(node), decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  return parsed(node);
}

/** Validation failures as error details: one per problem, each with its location and JSON pointer. */
export function toDetails(
  errors: readonly SchemaError[] | null | undefined,
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

function toDetail(error: SchemaError, location: ErrorLocation): ErrorDetail {
  let pointer = error.instancePath;
  let message = error.message ?? "is invalid";
  const params = error.params;
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
