import type { OperationContract, ParameterContract } from "../contract.js";
import type { RequestHandler } from "./handle.js";
import type { ServerRequest } from "./http.js";
import type { ServerContract, ServerOptions } from "./options.js";

/** The parameters of the stand-in read: one of each location and shape requests commonly use. */
const PARAMETERS: ParameterContract[] = [
  { name: "id", in: "path", required: true, style: "simple", explode: false, shape: "scalar" },
  { name: "limit", in: "query", required: false, style: "form", explode: true, shape: "scalar" },
  { name: "tag", in: "query", required: false, style: "form", explode: true, shape: "array" },
  {
    name: "x-trace",
    in: "header",
    required: false,
    style: "simple",
    explode: false,
    shape: "scalar",
  },
];

const BEARER = [[{ scheme: "bearer", scopes: [] }]];

const OPERATIONS: Record<string, OperationContract> = {
  createThing: {
    method: "POST",
    path: "/things",
    tags: [],
    parameters: [],
    requestBody: { required: true, contentTypes: ["application/json"] },
    responses: { "201": ["application/json"] },
    security: BEARER,
    deprecated: false,
    rateLimits: [],
  },
  getThing: {
    method: "GET",
    path: "/things/{id}",
    tags: [],
    parameters: PARAMETERS,
    requestBody: null,
    responses: { "200": ["application/json"] },
    security: BEARER,
    deprecated: false,
    rateLimits: [],
  },
};

/**
 * Its schemas, as the contract's schemas document holds them. The id is an `int64`, as most
 * contracts' ids are, and the body has the keywords most bodies use (required properties, lengths,
 * bounds, a format, a list, an enum, no other properties).
 */
const SCHEMAS = {
  openapi: "3.0",
  document: {
    spec: {},
    operations: {
      createThing: {
        body: {
          "application/json": {
            type: "object",
            additionalProperties: false,
            required: ["title"],
            properties: {
              title: { type: "string", minLength: 1, maxLength: 200 },
              count: { type: "integer", minimum: 0 },
              contact: { type: "string", format: "email" },
              tags: { type: "array", maxItems: 10, items: { type: "string" } },
              kind: { type: "string", enum: ["a", "b"] },
            },
          },
        },
      },
      getThing: {
        path: {
          type: "object",
          properties: { id: { type: "integer", format: "int64", minimum: 1 } },
          required: ["id"],
        },
        query: {
          type: "object",
          properties: {
            limit: { type: "integer", default: 10 },
            tag: { type: "array", items: { type: "string", maxLength: 20 } },
          },
        },
        header: { type: "object", properties: { "x-trace": { type: "string" } } },
      },
    },
  },
} as const;

const CONTRACT: ServerContract = {
  operations: OPERATIONS,
  securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
  schemas: SCHEMAS,
  basePath: "",
  errorFormat: "envelope",
};

const THING = { id: 7, title: "A thing", count: 2, kind: "a" };
const HANDLERS = {
  createThing: () => ({ status: 201, body: { data: THING } }),
  getThing: () => ({ status: 200, body: { data: THING } }),
};
const VERIFIERS = { bearer: () => ({ id: "warm-up" }) };

/** A request as adapters hand it over, its body already in bytes. */
function standInRequest(
  method: string,
  path: string,
  query: string,
  body: string | undefined,
): ServerRequest {
  const bytes = body === undefined ? undefined : new TextEncoder().encode(body);
  return {
    method,
    path,
    query,
    // A request id of its own: a fresh one would draw random bytes, which a Worker refuses at startup.
    headers: {
      "x-request-id": "warm-up",
      authorization: "Bearer warm-up",
      "x-trace": "warm-up",
      ...(bytes === undefined
        ? {}
        : { "content-type": "application/json", "content-length": String(bytes.byteLength) }),
    },
    body: {
      async *[Symbol.asyncIterator]() {
        if (bytes !== undefined) yield bytes;
      },
    },
  };
}

/** The stand-in requests: a valid POST with a JSON body, reads with parameters, and an invalid POST (a 400). */
function standInRequests(): ServerRequest[] {
  return [
    standInRequest(
      "POST",
      "/things",
      "",
      JSON.stringify({
        title: "A thing",
        count: 2,
        contact: "ada@example.com",
        tags: ["x"],
        kind: "a",
      }),
    ),
    standInRequest("GET", "/things/7", "limit=5&tag=a&tag=b", undefined),
    standInRequest("GET", "/things/x", "", undefined),
    standInRequest(
      "POST",
      "/things",
      "",
      JSON.stringify({ title: "", count: -1, kind: "z", extra: 1 }),
    ),
  ];
}

type MakePipeline = (
  contract: ServerContract,
  handlers: object,
  verifiers: object,
  options: ServerOptions,
) => RequestHandler;

let warmed = false;

/**
 * Runs the request path once, when the first pipeline is made, on a stand-in contract of its own:
 * routing, authentication, reading parameters and a JSON body, validation (passing and failing),
 * the handler's result made a response, the error response. V8 compiles each function the first
 * time it runs, so without this the first request pays for compiling all of it (a first POST took
 * about 2.2 ms in process, 0.7 ms with it; making the pipeline takes a few ms more). Nothing of the
 * contract's is used, no handler, verifier or `onError` of the caller's is called, and no store is
 * touched. The requests run on promises alone (no I/O, no timer), so they are done before the
 * server reads its first request. Resolves to the stand-in requests' statuses; `undefined` when it
 * already ran. Where the runtime refuses a step at startup (a Worker's global scope), the rest is
 * skipped: this only saves time.
 */
export function warmUp(make: MakePipeline): Promise<number[]> | undefined {
  if (warmed) return undefined;
  warmed = true;
  const run = async (): Promise<number[]> => {
    const handle = make(CONTRACT, HANDLERS, VERIFIERS, { onError: () => {} });
    const statuses: number[] = [];
    for (const request of standInRequests()) statuses.push((await handle(request))?.status ?? 0);
    return statuses;
  };
  return run().catch(() => []);
}
