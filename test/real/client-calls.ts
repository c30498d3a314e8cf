/**
 * The generated client of a real spec calling a mock of it: which operations to call, with what
 * arguments (from the spec's examples or schemas), and how each outcome is judged — shared by the
 * Prism test and the `codegen mock` test.
 */
import { join } from "node:path";
import { expect } from "vitest";
import { methodGroups } from "../../src/emit/client/method-names.js";
import { loadModel } from "../../src/pipeline.js";
import { localTempDir, runCli } from "../helpers.js";
import { SPECS_DIR } from "./specs.js";
import type { ApiModel, Operation } from "../../src/ir/model.js";
import { valueAtPointer } from "../../src/pointer.js";
import { exampleOf, resolve, synthesize } from "./synthesize.js";

type Json = Record<string, unknown>;

/** A real spec generated into `<dir>/api` (with `args`), and its model. */
export async function generatedSpec(name: string, args: string[] = []) {
  const specPath = join(SPECS_DIR, name);
  const dir = localTempDir();
  const generated = runCli([specPath, "-o", "api", "--quiet", ...args], dir);
  expect(generated.status, generated.stderr).toBe(0);
  return { dir, ...(await loadModel({ spec: specPath, allowRemote: false })) };
}

/** At most this many operations per spec are called (all of them when a spec has fewer). */
export const PER_SPEC = 60;

export type Outcome =
  | "resolved, shape matches"
  | "resolved; the contract declares no response"
  | "resolved, the mock's answer is off-contract"
  | "ApiError explained by a synthesised value"
  | "ApiError: the mock cannot answer"
  | "refused to send: a value its style cannot write"
  | "client bug";

export interface Call {
  operation: string;
  outcome: Outcome;
  detail: string;
}

export interface Validators {
  parameters(operationId: string, location: string): Validate | undefined;
  body(operationId: string, mediaType: string): Validate | undefined;
  response(operationId: string, status: string, mediaType: string): Validate | undefined;
}
export type Validate = ((value: unknown) => boolean) & { errors?: unknown[] | null };

/** A credential for every scheme: the mock checks that one is sent, not what it is. */
export function credentials(model: ApiModel): Json {
  return Object.fromEntries(
    model.securitySchemes.map((scheme) => [scheme.name, scheme.type === "http" && scheme.scheme === "basic" ? { username: "ada", password: "secret" } : "token-1"]),
  );
}

/** Up to PER_SPEC operations, spread evenly over the spec in id order, each with its client method. */
export function selected(model: ApiModel): Array<{ method: string[]; operation: Operation }> {
  const all = methodGroups(model)
    .flatMap((group) => group.methods.map(({ name, operation }) => ({ method: group.id === undefined ? [name] : [group.id, name], operation })))
    .sort((a, b) => (a.operation.id < b.operation.id ? -1 : 1));
  if (all.length <= PER_SPEC) return all;
  const step = all.length / PER_SPEC;
  return Array.from({ length: PER_SPEC }, (_, index) => all[Math.floor(index * step)]!);
}

/** The arguments of one call: every required parameter and a required body, from the spec's examples or schemas. */
function argumentsFor(operation: Operation, document: Json): { params: Json; sent: Record<string, Json> } {
  const raw = resolve(valueAtPointer(document, operation.pointer), document) ?? {};
  const pathItem = resolve(valueAtPointer(document, operation.pointer.replace(/\/[^/]+$/, "")), document) ?? {};
  const declared = [...asArray(pathItem.parameters), ...asArray(raw.parameters)].map((parameter) => resolve(parameter, document)).filter((parameter) => parameter !== undefined);
  const sent: Record<string, Json> = { path: {}, query: {}, header: {}, cookie: {} };
  for (const parameter of declared) {
    const location = String(parameter.in);
    if (parameter.required !== true || sent[location] === undefined) continue;
    // An Accept parameter asks for one of the operation's declared response types.
    if (location === "header" && String(parameter.name).toLowerCase() === "accept") {
      const declaredType = operation.responses.find((response) => /^2/.test(response.status))?.content[0]?.contentType;
      if (declaredType !== undefined) {
        sent.header![String(parameter.name)] = declaredType;
        continue;
      }
    }
    const example = exampleOf(parameter, document);
    const schema = parameter.schema ?? Object.values(isRecord(parameter.content) ? parameter.content : {}).map((media) => (isRecord(media) ? media.schema : undefined))[0];
    sent[location]![String(parameter.name)] = example !== undefined ? example.value : synthesize(schema, document);
  }
  const params: Json = {};
  for (const [location, key] of [["path", "path"], ["query", "query"], ["header", "headers"], ["cookie", "cookies"]] as const) {
    if (Object.keys(sent[location]!).length > 0) params[key] = sent[location];
  }
  const body = resolve(raw.requestBody, document);
  if (body !== undefined && body.required === true && isRecord(body.content)) {
    const [mediaType, media] = Object.entries(body.content)[0] ?? [];
    if (mediaType !== undefined && isRecord(media)) {
      const example = exampleOf(media, document);
      const value = example !== undefined ? example.value : synthesize(media.schema, document);
      params.body = /json|text|form|multipart|\*/i.test(mediaType) ? value : new Blob([typeof value === "string" ? value : JSON.stringify(value)]);
      sent.body = { [mediaType]: params.body };
    }
  }
  return { params, sent };
}

export async function callOne(client: Json, method: string[], operation: Operation, document: Json, validators: Validators): Promise<Call> {
  const { params, sent } = argumentsFor(operation, document);
  let target: unknown = client;
  for (const key of method) target = (target as Json)[key];
  const result = { operation: operation.id };
  try {
    // A write that must name a version names any current one, as a client without a version in hand would.
    const options = operation.policies.cache?.precondition === "required" ? { ifMatch: "*" } : {};
    const promise = (target as (params: Json, options: Json) => { withResponse(): Promise<{ data: unknown; status: number; headers: Headers }> })(params, options);
    const response = await promise.withResponse();
    return { ...result, ...judgeResponse(operation, response, validators) };
  } catch (error) {
    return { ...result, ...judgeError(operation, error, sent, validators) };
  }
}

/** A resolved call: does the value have the shape the declared response says? */
function judgeResponse(operation: Operation, response: { data: unknown; status: number; headers: Headers }, validators: Validators): Omit<Call, "operation"> {
  if (operation.responses.length === 0) return { outcome: "resolved; the contract declares no response", detail: `${response.status}` };
  const declared = operation.responses.find((entry) => entry.status === String(response.status)) ?? operation.responses.find((entry) => entry.status === `${String(response.status)[0]}XX`) ?? operation.responses.find((entry) => entry.status === "default");
  if (declared === undefined) return { outcome: "client bug", detail: `resolved with ${response.status}, which the operation does not declare` };
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const media = declared.content.find((entry) => entry.contentType.toLowerCase() === contentType) ?? declared.content.find((entry) => entry.contentType.includes("*")) ?? declared.content[0];
  if (media === undefined) return { outcome: "resolved, shape matches", detail: "no content declared" };
  const isJson = /[/+]json\b/i.test(media.contentType);
  if (!isJson) {
    const ok = response.data === undefined || typeof response.data === "string" || response.data instanceof Blob;
    return ok ? { outcome: "resolved, shape matches", detail: media.contentType } : { outcome: "client bug", detail: `a ${media.contentType} body came back as ${typeof response.data}` };
  }
  const validate = validators.response(operation.id, declared.status, media.contentType);
  if (validate === undefined || validate(response.data)) return { outcome: "resolved, shape matches", detail: "" };
  return { outcome: "resolved, the mock's answer is off-contract", detail: JSON.stringify(validate.errors?.slice(0, 2)) };
}

/** A failed call: explained by what was sent (our synthesised values), the mock's limits, or the client. */
function judgeError(operation: Operation, error: unknown, sent: Record<string, Json>, validators: Validators): Omit<Call, "operation"> {
  if (error instanceof TypeError && /cannot be written as text/.test(error.message)) {
    return { outcome: "refused to send: a value its style cannot write", detail: error.message };
  }
  const status = isRecord(error) && typeof error.status === "number" ? error.status : undefined;
  if (status === undefined) return { outcome: "client bug", detail: String(error instanceof Error ? `${error.name}: ${error.message}` : error) };
  const body = isRecord(error) ? error.body : undefined;
  const problem = isRecord(body) ? body : {};
  // Prism lists what it refused in the body (its own problem) or, when it answers with the
  // spec's declared error response, in the sl-violations header.
  const header = isRecord(error) && error.headers instanceof Headers ? error.headers.get("sl-violations") : null;
  // The generated server (standing in for Prism) lists them as the envelope's details.
  const envelope = isRecord(problem.error) ? asArray(problem.error.details).filter(isRecord) : [];
  const fromServer = envelope.map((detail) => ({ location: ["request", String(detail.location), String(detail.pointer ?? "").split("/")[1] ?? ""], message: detail.message }));
  const violations = (Array.isArray(problem.validation) ? problem.validation : header !== null ? (JSON.parse(header) as unknown[]) : fromServer).filter(isRecord);
  if (status === 422 || status === 400) {
    if (violations.length === 0) return { outcome: "ApiError explained by a synthesised value", detail: `${status} ${JSON.stringify(body).slice(0, 200)}` };
    // A violation where what we sent is valid by the contract's own schema is the client's fault.
    const unexplained = violations.filter((violation) => {
      const path = asArray(violation.location).map(String);
      // Prism says where as ["request", <location>, <name>…]; "response" ones are about its own answer.
      if (path[0] === "response") return false;
      const [location, name] = path[0] === "request" ? path.slice(1) : path;
      const where = location === "body" ? "body" : location;
      if (where === "body") {
        const [mediaType, value] = Object.entries(sent.body ?? {})[0] ?? [];
        const validate = mediaType === undefined ? undefined : validators.body(operation.id, mediaType);
        return validate !== undefined && validate(structuredClone(value));
      }
      const values = sent[where ?? ""];
      if (values === undefined || name === undefined || !Object.hasOwn(values, name)) return false;
      const validate = validators.parameters(operation.id, where!);
      return validate !== undefined && validate({ ...structuredClone(values) });
    });
    return unexplained.length === 0
      ? { outcome: "ApiError explained by a synthesised value", detail: JSON.stringify(violations.slice(0, 2)) }
      : { outcome: "client bug", detail: `${status}: valid values refused: ${JSON.stringify(unexplained.slice(0, 2))}` };
  }
  if (status >= 500) return { outcome: "ApiError: the mock cannot answer", detail: `${status} ${JSON.stringify(body).slice(0, 200)}` };
  // The spec's own Accept header parameter (a value it declares) wins over the client's Accept, as
  // header parameters do; a mock whose responses do not declare that type refuses it.
  const accept = Object.entries(sent.header ?? {}).find(([name]) => name.toLowerCase() === "accept");
  if (status === 406 && accept !== undefined) {
    return { outcome: "ApiError explained by a synthesised value", detail: `406 for the spec's Accept parameter ${JSON.stringify(accept[1])}` };
  }
  return { outcome: "client bug", detail: `${status} ${JSON.stringify(body).slice(0, 300)}` };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
