/**
 * Invalid requests to the validation fixture and the answer each gets, one per validation class:
 * the generated server's suite and `codegen mock`'s (which must answer alike) both run them, the
 * server with a 1 KiB body limit.
 */
export const widget = { name: "Gear", weight: 10, secret: "s" };
export const widgetPath = "/api/widgets/0b6a2c1e-8f4d-4a8e-9c51-3f0f4f3b2a10";

/** [validation class, request, status, error code, expected details (location, pointer, keyword)] */
export const VALIDATION_CASES: ReadonlyArray<
  [string, { method: string; path: string; headers?: Record<string, string>; body?: unknown }, number, string, Array<[string, string, string]>]
> = [
  ["missing required body property", { method: "PUT", path: widgetPath, body: { weight: 1, secret: "s" } }, 400, "VALIDATION_ERROR", [["body", "/name", "required"]]],
  ["missing required writeOnly property in a request", { method: "PUT", path: widgetPath, body: { name: "Gear", weight: 1 } }, 400, "VALIDATION_ERROR", [["body", "/secret", "required"]]],
  ["missing required body", { method: "PUT", path: widgetPath }, 400, "VALIDATION_ERROR", [["body", "", "required"]]],
  ["wrong type in body", { method: "PUT", path: widgetPath, body: { ...widget, weight: "heavy" } }, 400, "VALIDATION_ERROR", [["body", "/weight", "type"]]],
  ["wrong type in query", { method: "GET", path: "/api/widgets?active=maybe" }, 400, "VALIDATION_ERROR", [["query", "/active", "type"]]],
  ["wrong type in header", { method: "GET", path: "/api/widgets", headers: { "x-trace-level": "high" } }, 400, "VALIDATION_ERROR", [["header", "/X-Trace-Level", "type"]]],
  ["enum", { method: "GET", path: "/api/widgets?color=purple" }, 400, "VALIDATION_ERROR", [["query", "/color", "enum"]]],
  ["enum inside a pipe-delimited array", { method: "GET", path: "/api/widgets?sizes=s%7Cxl" }, 400, "VALIDATION_ERROR", [["query", "/sizes/1", "enum"]]],
  ["format in path", { method: "PUT", path: "/api/widgets/not-a-uuid", body: widget }, 400, "VALIDATION_ERROR", [["path", "/widgetId", "format"]]],
  ["format in body", { method: "PUT", path: widgetPath, body: { ...widget, email: "nope" } }, 400, "VALIDATION_ERROR", [["body", "/email", "format"]]],
  ["pattern in body", { method: "PUT", path: widgetPath, body: { ...widget, sku: "abc" } }, 400, "VALIDATION_ERROR", [["body", "/sku", "pattern"]]],
  ["pattern in cookie", { method: "GET", path: "/api/widgets", headers: { cookie: "session=XYZ" } }, 400, "VALIDATION_ERROR", [["cookie", "/session", "pattern"]]],
  ["minimum in query", { method: "GET", path: "/api/widgets?limit=0" }, 400, "VALIDATION_ERROR", [["query", "/limit", "minimum"]]],
  ["maximum in query", { method: "GET", path: "/api/widgets?limit=51" }, 400, "VALIDATION_ERROR", [["query", "/limit", "maximum"]]],
  ["exclusiveMinimum (3.0 boolean form)", { method: "GET", path: "/api/widgets?ratio=0" }, 400, "VALIDATION_ERROR", [["query", "/ratio", "exclusiveMinimum"]]],
  ["minLength", { method: "PUT", path: widgetPath, body: { ...widget, name: "G" } }, 400, "VALIDATION_ERROR", [["body", "/name", "minLength"]]],
  ["maximum in body", { method: "PUT", path: widgetPath, body: { ...widget, weight: 1001 } }, 400, "VALIDATION_ERROR", [["body", "/weight", "maximum"]]],
  ["additionalProperties in body", { method: "PUT", path: widgetPath, body: { ...widget, colour: "red" } }, 400, "VALIDATION_ERROR", [["body", "/colour", "additionalProperties"]]],
  ["additionalProperties in a deepObject", { method: "GET", path: "/api/widgets?filter[size]=3" }, 400, "VALIDATION_ERROR", [["query", "/filter/size", "additionalProperties"]]],
  ["array maxItems in query", { method: "GET", path: "/api/widgets?ids=1,2,3,4" }, 400, "VALIDATION_ERROR", [["query", "/ids", "maxItems"]]],
  ["array minItems in body", { method: "PUT", path: widgetPath, body: { ...widget, parts: [] } }, 400, "VALIDATION_ERROR", [["body", "/parts", "minItems"]]],
  ["array uniqueItems in body", { method: "PUT", path: widgetPath, body: { ...widget, parts: ["a", "a"] } }, 400, "VALIDATION_ERROR", [["body", "/parts", "uniqueItems"]]],
  ["array item type in query", { method: "GET", path: "/api/widgets?ids=1,x" }, 400, "VALIDATION_ERROR", [["query", "/ids/1", "type"]]],
  ["null where not nullable", { method: "PUT", path: widgetPath, body: { ...widget, name: null } }, 400, "VALIDATION_ERROR", [["body", "/name", "type"]]],
  ["discriminator with an unknown value", { method: "POST", path: "/api/shapes", body: { kind: "Triangle", size: 1 } }, 400, "VALIDATION_ERROR", [["body", "/kind", "enum"]]],
  ["discriminator selects the branch", { method: "POST", path: "/api/shapes", body: { kind: "Square" } }, 400, "VALIDATION_ERROR", [["body", "/size", "required"]]],
  ["text body maxLength", { method: "POST", path: "/api/notes", headers: { "content-type": "text/plain" }, body: "x".repeat(21) }, 400, "VALIDATION_ERROR", [["body", "", "maxLength"]]],
  ["form body required field", { method: "POST", path: "/api/notes", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "other=1" }, 400, "VALIDATION_ERROR", [["body", "/text", "required"]]],
  ["bad JSON", { method: "PUT", path: widgetPath, body: '{"name": "Gear",' }, 400, "MALFORMED_JSON", []],
  ["wrong content type", { method: "PUT", path: widgetPath, headers: { "content-type": "application/xml" }, body: "<widget/>" }, 415, "UNSUPPORTED_MEDIA_TYPE", []],
  ["oversize body", { method: "PUT", path: widgetPath, body: { ...widget, name: "x".repeat(2000) } }, 413, "PAYLOAD_TOO_LARGE", []],
];

