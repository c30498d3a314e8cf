/**
 * The catalogue of contract changes `codegen diff` classifies: one record per rule, kept as data.
 * The README's table is rendered from it (`npm run docs:rules`), and each rule has a base/head
 * pair in `test/diff/rules.test.ts`. Comparators name a rule by its id and never decide a
 * severity themselves.
 */

export const SEVERITIES = ["breaking", "policy", "sdk", "notice", "safe"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Who a change reaches: what clients send, what they read, the operation as a whole, its auth, or what only this tool knows (policies and generated names). */
export type Direction = "request" | "response" | "operation" | "security" | "policy" | "sdk";

export interface Rule {
  id: string;
  severity: Severity;
  direction: Direction;
  /** Where in the contract the change is: `operation`, `request body`, `query parameter`, `response header`, …. */
  location: string;
  description: string;
}

/**
 * A change to a schema, judged once for what clients send (a request body or parameter) and once
 * for what they read (a response body or header). What clients send breaks when it narrows; what
 * they read breaks when it widens or loses something.
 */
export interface SchemaChangeKind {
  kind: string;
  request: Severity;
  response: Severity;
  description: string;
  /** A change only one direction can see (readOnly matters to requests alone, writeOnly to responses alone). */
  only?: "request" | "response";
}

export const SCHEMA_CHANGE_KINDS: readonly SchemaChangeKind[] = [
  { kind: "type-changed", request: "breaking", response: "breaking", description: "the type changed to one that shares no value with the old" },
  { kind: "type-widened", request: "safe", response: "breaking", description: "the type accepts more (a type added, integer to number)" },
  { kind: "type-narrowed", request: "breaking", response: "safe", description: "the type accepts less (a type removed, number to integer)" },
  { kind: "format-changed", request: "breaking", response: "breaking", description: "the format changed" },
  { kind: "format-added", request: "breaking", response: "safe", description: "a format was added" },
  { kind: "format-removed", request: "safe", response: "breaking", description: "the format was removed" },
  { kind: "enum-value-added", request: "safe", response: "breaking", description: "an enum value (or a const's other value) was added" },
  { kind: "enum-value-removed", request: "breaking", response: "safe", description: "an enum value was removed" },
  { kind: "enum-added", request: "breaking", response: "safe", description: "the values were restricted to an enum (or const)" },
  { kind: "enum-removed", request: "safe", response: "breaking", description: "the enum (or const) restriction was removed" },
  { kind: "max-length-decreased", request: "breaking", response: "safe", description: "maxLength was lowered or set" },
  { kind: "max-length-increased", request: "safe", response: "breaking", description: "maxLength was raised or removed" },
  { kind: "min-length-increased", request: "breaking", response: "safe", description: "minLength was raised or set" },
  { kind: "min-length-decreased", request: "safe", response: "breaking", description: "minLength was lowered or removed" },
  { kind: "maximum-decreased", request: "breaking", response: "safe", description: "maximum (or exclusiveMaximum) was lowered or set" },
  { kind: "maximum-increased", request: "safe", response: "breaking", description: "maximum (or exclusiveMaximum) was raised or removed" },
  { kind: "minimum-increased", request: "breaking", response: "safe", description: "minimum (or exclusiveMinimum) was raised or set" },
  { kind: "minimum-decreased", request: "safe", response: "breaking", description: "minimum (or exclusiveMinimum) was lowered or removed" },
  { kind: "multiple-of-changed", request: "breaking", response: "breaking", description: "multipleOf changed" },
  { kind: "multiple-of-added", request: "breaking", response: "safe", description: "multipleOf was set" },
  { kind: "multiple-of-removed", request: "safe", response: "breaking", description: "multipleOf was removed" },
  { kind: "pattern-changed", request: "breaking", response: "breaking", description: "the pattern changed" },
  { kind: "pattern-added", request: "breaking", response: "safe", description: "a pattern was added" },
  { kind: "pattern-removed", request: "safe", response: "breaking", description: "the pattern was removed" },
  { kind: "max-items-decreased", request: "breaking", response: "safe", description: "maxItems was lowered or set" },
  { kind: "max-items-increased", request: "safe", response: "breaking", description: "maxItems was raised or removed" },
  { kind: "min-items-increased", request: "breaking", response: "safe", description: "minItems was raised or set" },
  { kind: "min-items-decreased", request: "safe", response: "breaking", description: "minItems was lowered or removed" },
  { kind: "unique-items-added", request: "breaking", response: "safe", description: "uniqueItems was set" },
  { kind: "unique-items-removed", request: "safe", response: "breaking", description: "uniqueItems was removed" },
  { kind: "max-properties-decreased", request: "breaking", response: "safe", description: "maxProperties was lowered or set" },
  { kind: "max-properties-increased", request: "safe", response: "breaking", description: "maxProperties was raised or removed" },
  { kind: "min-properties-increased", request: "breaking", response: "safe", description: "minProperties was raised or set" },
  { kind: "min-properties-decreased", request: "safe", response: "breaking", description: "minProperties was lowered or removed" },
  { kind: "nullable-added", request: "safe", response: "breaking", description: "null became a valid value" },
  { kind: "nullable-removed", request: "breaking", response: "safe", description: "null is no longer a valid value" },
  { kind: "property-added", request: "safe", response: "safe", description: "an optional property was added" },
  { kind: "required-property-added", request: "breaking", response: "safe", description: "a required property was added" },
  { kind: "property-removed", request: "breaking", response: "breaking", description: "a property was removed (in a request: the server stops honouring it, and code written against the old types no longer compiles)" },
  { kind: "property-became-required", request: "breaking", response: "safe", description: "a property became required" },
  { kind: "property-became-optional", request: "safe", response: "breaking", description: "a required property became optional" },
  { kind: "additional-properties-disallowed", request: "breaking", response: "safe", description: "properties beyond the declared ones are no longer allowed" },
  { kind: "additional-properties-allowed", request: "safe", response: "safe", description: "properties beyond the declared ones became allowed" },
  { kind: "read-only-removed", request: "breaking", response: "safe", only: "request", description: "a required property lost readOnly, so clients must now send it" },
  { kind: "read-only-added", request: "breaking", response: "safe", only: "request", description: "a property became readOnly: what clients send in it is no longer honoured" },
  { kind: "write-only-added", request: "safe", response: "breaking", only: "response", description: "a property became writeOnly: responses no longer carry it" },
  { kind: "one-of-branch-added", request: "safe", response: "breaking", description: "a oneOf alternative was added" },
  { kind: "one-of-branch-removed", request: "breaking", response: "safe", description: "a oneOf alternative was removed" },
  { kind: "any-of-branch-added", request: "safe", response: "breaking", description: "an anyOf alternative was added" },
  { kind: "any-of-branch-removed", request: "breaking", response: "safe", description: "an anyOf alternative was removed" },
  { kind: "default-changed", request: "breaking", response: "notice", description: "the default changed: clients that leave the value out get another behaviour" },
  { kind: "default-removed", request: "breaking", response: "notice", description: "the default was removed: what a left-out value means is no longer promised" },
  { kind: "default-added", request: "notice", response: "notice", description: "a default was declared" },
  { kind: "property-deprecated", request: "notice", response: "notice", description: "a property was marked deprecated" },
];

/** Where schemas sit, and whether clients send or read them there. */
export const SCHEMA_CONTEXTS = [
  { prefix: "request-body", direction: "request", location: "request body" },
  { prefix: "request-parameter", direction: "request", location: "parameter" },
  { prefix: "response-body", direction: "response", location: "response body" },
  { prefix: "response-header", direction: "response", location: "response header" },
] as const;
export type SchemaContext = (typeof SCHEMA_CONTEXTS)[number]["prefix"];

/** Rules about operations, parameters, bodies, responses, security, the tool's extensions and generated names. */
const OPERATION_RULES: readonly Rule[] = [
  // Operations.
  { id: "operation-removed", severity: "breaking", direction: "operation", location: "operation", description: "an operation was removed" },
  { id: "operation-removed-after-sunset", severity: "notice", direction: "operation", location: "operation", description: "an operation deprecated with an x-sunset date already past was removed (the seed's timeline)" },
  { id: "operation-removed-before-sunset", severity: "breaking", direction: "operation", location: "operation", description: "a deprecated operation was removed before its x-sunset date (or without one)" },
  { id: "operation-added", severity: "safe", direction: "operation", location: "operation", description: "an operation was added" },
  { id: "operation-path-changed", severity: "breaking", direction: "operation", location: "operation", description: "an operation (same operationId) moved to another path" },
  { id: "operation-method-changed", severity: "breaking", direction: "operation", location: "operation", description: "an operation (same operationId) moved to another method" },
  { id: "operation-deprecated", severity: "notice", direction: "operation", location: "operation", description: "an operation was marked deprecated" },
  { id: "operation-undeprecated", severity: "notice", direction: "operation", location: "operation", description: "an operation is no longer deprecated" },
  { id: "operation-sunset-added", severity: "notice", direction: "operation", location: "operation", description: "a deprecated operation announced an x-sunset date" },
  { id: "operation-sunset-changed", severity: "notice", direction: "operation", location: "operation", description: "a deprecated operation's x-sunset date changed" },
  { id: "operation-sunset-earlier", severity: "breaking", direction: "operation", location: "operation", description: "an announced x-sunset date moved earlier: clients planned for the old one" },
  { id: "stability-level-decreased", severity: "breaking", direction: "operation", location: "operation", description: "x-stability-level fell (stable to beta, beta to alpha…): a level may rise, never fall" },
  { id: "stability-level-increased", severity: "notice", direction: "operation", location: "operation", description: "x-stability-level rose" },
  // Parameters.
  { id: "request-parameter-removed", severity: "breaking", direction: "request", location: "parameter", description: "a parameter was removed, even an optional one: the server stops honouring it, and code written against the old types no longer compiles" },
  { id: "request-parameter-added", severity: "safe", direction: "request", location: "parameter", description: "an optional parameter was added" },
  { id: "request-required-parameter-added", severity: "breaking", direction: "request", location: "parameter", description: "a required parameter was added" },
  { id: "request-parameter-became-required", severity: "breaking", direction: "request", location: "parameter", description: "an optional parameter became required" },
  { id: "request-parameter-became-optional", severity: "safe", direction: "request", location: "parameter", description: "a required parameter became optional" },
  { id: "request-parameter-location-changed", severity: "breaking", direction: "request", location: "parameter", description: "a parameter moved (query to header, …)" },
  { id: "request-parameter-style-changed", severity: "breaking", direction: "request", location: "parameter", description: "a parameter's style changed: clients serialize it the old way" },
  { id: "request-parameter-explode-changed", severity: "breaking", direction: "request", location: "parameter", description: "a parameter's explode changed: clients serialize it the old way" },
  { id: "request-parameter-deprecated", severity: "notice", direction: "request", location: "parameter", description: "a parameter was marked deprecated" },
  // Request bodies.
  { id: "request-body-added", severity: "safe", direction: "request", location: "request body", description: "an optional request body was added" },
  { id: "request-body-added-required", severity: "breaking", direction: "request", location: "request body", description: "a required request body was added" },
  { id: "request-body-removed", severity: "breaking", direction: "request", location: "request body", description: "the request body was removed: the server stops reading what clients send" },
  { id: "request-body-became-required", severity: "breaking", direction: "request", location: "request body", description: "an optional request body became required" },
  { id: "request-body-became-optional", severity: "safe", direction: "request", location: "request body", description: "a required request body became optional" },
  { id: "request-media-type-removed", severity: "breaking", direction: "request", location: "request body", description: "a request media type was removed" },
  { id: "request-media-type-added", severity: "safe", direction: "request", location: "request body", description: "a request media type was added" },
  // Responses.
  { id: "response-success-status-removed", severity: "breaking", direction: "response", location: "response", description: "a success (2xx) status was removed" },
  { id: "response-success-status-added", severity: "notice", direction: "response", location: "response", description: "a success (2xx) status was added: the result type gains a member" },
  { id: "response-error-status-removed", severity: "notice", direction: "response", location: "response", description: "an error status was removed" },
  { id: "response-error-status-added", severity: "safe", direction: "response", location: "response", description: "an error status was declared" },
  { id: "response-media-type-removed", severity: "breaking", direction: "response", location: "response", description: "a response media type was removed" },
  { id: "response-media-type-added", severity: "safe", direction: "response", location: "response", description: "a response media type was added" },
  { id: "response-header-removed", severity: "breaking", direction: "response", location: "response header", description: "a required response header was removed" },
  { id: "response-optional-header-removed", severity: "notice", direction: "response", location: "response header", description: "an optional response header was removed" },
  { id: "response-header-became-optional", severity: "breaking", direction: "response", location: "response header", description: "a required response header became optional" },
  { id: "response-header-became-required", severity: "safe", direction: "response", location: "response header", description: "an optional response header became required" },
  { id: "response-header-added", severity: "safe", direction: "response", location: "response header", description: "a response header was added" },
  // Security.
  { id: "security-added", severity: "breaking", direction: "security", location: "security", description: "an open operation now requires authentication" },
  { id: "security-removed", severity: "notice", direction: "security", location: "security", description: "an operation no longer requires authentication" },
  { id: "security-alternative-removed", severity: "breaking", direction: "security", location: "security", description: "a way to authenticate (a requirement) was removed or now needs another scheme" },
  { id: "security-alternative-added", severity: "safe", direction: "security", location: "security", description: "another way to authenticate was added" },
  { id: "security-scope-added", severity: "breaking", direction: "security", location: "security", description: "a requirement needs another scope" },
  { id: "security-scope-removed", severity: "safe", direction: "security", location: "security", description: "a requirement needs fewer scopes" },
  { id: "security-scheme-changed", severity: "breaking", direction: "security", location: "security scheme", description: "a scheme in use changed its type, location, parameter name or HTTP scheme" },
  // The tool's extensions: what the generated server enforces at run time.
  { id: "rate-limit-added", severity: "policy", direction: "policy", location: "x-rate-limit", description: "a rate limit now applies" },
  { id: "rate-limit-removed", severity: "safe", direction: "policy", location: "x-rate-limit", description: "a rate limit no longer applies" },
  { id: "rate-limit-tightened", severity: "policy", direction: "policy", location: "x-rate-limit", description: "a rate limit admits fewer requests (a lower limit, a longer window, a smaller burst or tier)" },
  { id: "rate-limit-loosened", severity: "safe", direction: "policy", location: "x-rate-limit", description: "a rate limit admits more requests" },
  { id: "rate-limit-algorithm-changed", severity: "policy", direction: "policy", location: "x-rate-limit", description: "a rate limit's algorithm changed (bursts are admitted differently)" },
  { id: "rate-limit-key-changed", severity: "policy", direction: "policy", location: "x-rate-limit", description: "a rate limit counts by another key (ip, principal, a header)" },
  { id: "rate-limit-fail-open-changed", severity: "notice", direction: "policy", location: "x-rate-limit", description: "what a rate limit does when its store fails changed" },
  { id: "idempotency-key-required", severity: "policy", direction: "policy", location: "x-idempotency", description: "an idempotency key is newly required" },
  { id: "idempotency-key-optional", severity: "safe", direction: "policy", location: "x-idempotency", description: "an idempotency key is no longer required" },
  { id: "idempotency-added", severity: "safe", direction: "policy", location: "x-idempotency", description: "an optional idempotency key is now honoured" },
  { id: "idempotency-removed", severity: "policy", direction: "policy", location: "x-idempotency", description: "idempotency keys are no longer honoured: a retried request may run twice" },
  { id: "idempotency-header-changed", severity: "policy", direction: "policy", location: "x-idempotency", description: "the idempotency key travels in another header" },
  { id: "idempotency-ttl-shortened", severity: "policy", direction: "policy", location: "x-idempotency", description: "completed responses are replayed for a shorter time" },
  { id: "idempotency-ttl-lengthened", severity: "safe", direction: "policy", location: "x-idempotency", description: "completed responses are replayed for longer" },
  { id: "pagination-added", severity: "policy", direction: "policy", location: "x-pagination", description: "a list became paginated: callers that read one response get the first page only" },
  { id: "pagination-removed", severity: "policy", direction: "policy", location: "x-pagination", description: "a list is no longer paginated" },
  { id: "pagination-style-changed", severity: "policy", direction: "policy", location: "x-pagination", description: "the pagination style changed (cursor, offset, page)" },
  { id: "pagination-parameter-changed", severity: "policy", direction: "policy", location: "x-pagination", description: "the page size or position parameter changed" },
  { id: "pagination-cursor-source-changed", severity: "policy", direction: "policy", location: "x-pagination", description: "where the items, the next cursor or the end of the list are read from changed" },
  { id: "pagination-max-limit-decreased", severity: "policy", direction: "policy", location: "x-pagination", description: "the largest page size was lowered" },
  { id: "pagination-max-limit-increased", severity: "safe", direction: "policy", location: "x-pagination", description: "the largest page size was raised" },
  { id: "pagination-default-limit-changed", severity: "notice", direction: "policy", location: "x-pagination", description: "the page size a caller gets by default changed" },
  { id: "sort-added", severity: "safe", direction: "policy", location: "x-sort", description: "a list can now be sorted" },
  { id: "sort-removed", severity: "breaking", direction: "policy", location: "x-sort", description: "a list can no longer be sorted: the sort parameter is gone" },
  { id: "sort-unchecked", severity: "notice", direction: "policy", location: "x-sort", description: "the sort parameter stays but its keys are no longer checked or parsed for the handler" },
  { id: "sort-field-removed", severity: "breaking", direction: "policy", location: "x-sort", description: "a field can no longer be sorted by (400 for callers that do)" },
  { id: "sort-field-added", severity: "safe", direction: "policy", location: "x-sort", description: "a field can now be sorted by" },
  { id: "sort-max-keys-decreased", severity: "breaking", direction: "policy", location: "x-sort", description: "fewer sort keys are allowed at once" },
  { id: "sort-max-keys-increased", severity: "safe", direction: "policy", location: "x-sort", description: "more sort keys are allowed at once" },
  { id: "sort-param-changed", severity: "breaking", direction: "policy", location: "x-sort", description: "the order travels in another query parameter" },
  { id: "sort-default-changed", severity: "notice", direction: "policy", location: "x-sort", description: "the order a list comes in when none is asked for changed" },
  { id: "fields-added", severity: "safe", direction: "policy", location: "x-fields", description: "a response's fields can now be selected" },
  { id: "fields-removed", severity: "breaking", direction: "policy", location: "x-fields", description: "fields can no longer be selected: the parameter is gone" },
  { id: "fields-unchecked", severity: "notice", direction: "policy", location: "x-fields", description: "the selection parameter stays but the server no longer checks it or projects the response" },
  { id: "fields-field-removed", severity: "breaking", direction: "policy", location: "x-fields", description: "a field can no longer be selected (400 for callers that do)" },
  { id: "fields-field-added", severity: "safe", direction: "policy", location: "x-fields", description: "a field can now be selected" },
  { id: "fields-max-decreased", severity: "breaking", direction: "policy", location: "x-fields", description: "fewer fields can be selected at once" },
  { id: "fields-max-increased", severity: "safe", direction: "policy", location: "x-fields", description: "more fields can be selected at once" },
  { id: "fields-depth-decreased", severity: "breaking", direction: "policy", location: "x-fields", description: "a selected path may have fewer levels" },
  { id: "fields-param-changed", severity: "breaking", direction: "policy", location: "x-fields", description: "the selection travels in another query parameter" },
  { id: "fields-always-removed", severity: "breaking", direction: "policy", location: "x-fields", description: "a field is no longer returned whatever the selection" },
  { id: "expand-added", severity: "safe", direction: "policy", location: "x-expand", description: "fields can now be expanded" },
  { id: "expand-removed", severity: "breaking", direction: "policy", location: "x-expand", description: "fields can no longer be expanded: the parameter is gone" },
  { id: "expand-unchecked", severity: "notice", direction: "policy", location: "x-expand", description: "the expansion parameter stays but its names are no longer checked or parsed for the handler" },
  { id: "expand-field-removed", severity: "breaking", direction: "policy", location: "x-expand", description: "a field can no longer be expanded (400 for callers that do)" },
  { id: "expand-field-added", severity: "safe", direction: "policy", location: "x-expand", description: "a field can now be expanded" },
  { id: "expand-max-decreased", severity: "breaking", direction: "policy", location: "x-expand", description: "fewer expansions are allowed at once" },
  { id: "expand-max-increased", severity: "safe", direction: "policy", location: "x-expand", description: "more expansions are allowed at once" },
  { id: "expand-depth-decreased", severity: "breaking", direction: "policy", location: "x-expand", description: "an expansion path may have fewer levels" },
  { id: "expand-param-changed", severity: "breaking", direction: "policy", location: "x-expand", description: "expansions travel in another query parameter" },
  { id: "precondition-required", severity: "breaking", direction: "policy", location: "x-cache", description: "a write now requires If-Match (428 without it)" },
  { id: "precondition-optional", severity: "safe", direction: "policy", location: "x-cache", description: "a write no longer requires If-Match" },
  { id: "precondition-added", severity: "safe", direction: "policy", location: "x-cache", description: "a write now honours an optional If-Match" },
  { id: "precondition-removed", severity: "policy", direction: "policy", location: "x-cache", description: "a write no longer checks If-Match: a stale write overwrites a newer one" },
  { id: "etag-added", severity: "safe", direction: "policy", location: "x-cache", description: "a read now sends an ETag and answers If-None-Match with 304" },
  { id: "etag-removed", severity: "policy", direction: "policy", location: "x-cache", description: "a read no longer sends an ETag: conditional requests always get the whole body" },
  { id: "etag-strength-changed", severity: "notice", direction: "policy", location: "x-cache", description: "a read's ETag changed between strong and weak" },
  { id: "cache-control-changed", severity: "notice", direction: "policy", location: "x-cache", description: "the Cache-Control or Vary a read sends changed" },
  // Generated names.
  { id: "operation-id-changed", severity: "sdk", direction: "sdk", location: "operation", description: "the operationId changed: the generated function is renamed" },
  { id: "operation-group-changed", severity: "sdk", direction: "sdk", location: "operation", description: "the first tag changed: the generated method moves to another client group" },
  { id: "path-parameter-renamed", severity: "sdk", direction: "sdk", location: "path parameter", description: "a path parameter was renamed: the same URLs, other argument names" },
  { id: "component-schema-removed", severity: "sdk", direction: "sdk", location: "components", description: "a named schema was removed: its generated type is gone" },
  { id: "component-schema-renamed", severity: "sdk", direction: "sdk", location: "components", description: "a named schema was renamed with the same content: the wire is unchanged, the generated type's name is not" },
  { id: "component-schema-added", severity: "safe", direction: "sdk", location: "components", description: "a named schema was added" },
];

/** Every rule: the operation rules, then each schema change kind in each place a schema sits. */
export const RULES: readonly Rule[] = [
  ...OPERATION_RULES,
  ...SCHEMA_CONTEXTS.flatMap((context) =>
    SCHEMA_CHANGE_KINDS.filter((kind) => kind.only === undefined || kind.only === context.direction).map((kind) => ({
      id: `${context.prefix}-${kind.kind}`,
      severity: kind[context.direction],
      direction: context.direction,
      location: context.location,
      description: kind.description,
    })),
  ),
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id; an unknown id is a bug in a comparator. */
export function ruleOf(id: string): Rule {
  const rule = BY_ID.get(id);
  if (rule === undefined) throw new Error(`unknown diff rule ${id}`);
  return rule;
}
