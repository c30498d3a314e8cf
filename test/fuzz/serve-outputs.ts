/**
 * Run by `tsx` with generated output folders as arguments (test/fuzz/fuzz-specs.ts): imports each
 * one's server and sends every operation one request through its request handler, with a JSON
 * body `{}` where it takes one and the credentials its first security requirement asks for (any
 * credential passes), every response checked against the contract. Each handler answers
 * the operation's first declared status with `{}`. A request that is refused early (a required
 * parameter missing) reaches none of the later validators, so every validator of every operation
 * (each parameter location, each request and response media type) is then also built from the
 * output's schemas and run on a few values of each JSON type. Prints, as JSON, what went wrong that
 * the contract does not explain: an error other than a response that does not match it (a
 * validator that cannot be built or throws, a crash), or a server that cannot be made.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface Operation {
  method: string;
  path: string;
  parameters: ReadonlyArray<{ in: string }>;
  requestBody: { contentTypes: readonly string[] } | null;
  responses: Record<string, readonly string[]>;
  security: ReadonlyArray<ReadonlyArray<{ scheme: string }>>;
}

interface Scheme {
  type: string;
  in?: string;
  name?: string;
  scheme?: string;
}

/** The operation's first set of security requirements, met: each scheme's credential where it travels (any passes). */
function credentials(operation: Operation, schemes: Record<string, Scheme>): { headers: Record<string, string>; query: string } {
  const headers: Record<string, string> = {};
  const query: string[] = [];
  const cookies: string[] = [];
  for (const { scheme: name } of operation.security[0] ?? []) {
    const scheme = schemes[name];
    if (scheme?.type === "apiKey" && scheme.name !== undefined) {
      if (scheme.in === "query") query.push(`${encodeURIComponent(scheme.name)}=fuzz`);
      else if (scheme.in === "cookie") cookies.push(`${scheme.name}=fuzz`);
      else headers[scheme.name.toLowerCase()] = "fuzz";
    } else if (scheme?.type === "http" && scheme.scheme !== "bearer") {
      headers["authorization"] = scheme.scheme === "basic" ? `Basic ${btoa("fuzz:fuzz")}` : `${scheme.scheme ?? ""} fuzz`;
    } else headers["authorization"] = "Bearer fuzz";
  }
  if (cookies.length > 0) headers["cookie"] = cookies.join("; ");
  return { headers, query: query.join("&") };
}

/** Stands in for every member of a record the server reads by name: handlers, verifiers. */
const standIn = (value: (name: string) => unknown) =>
  new Proxy(
    {},
    {
      get: (_, name) => value(String(name)),
      has: () => true,
      getOwnPropertyDescriptor: (_, name) => ({ value: value(String(name)), enumerable: true, configurable: true }),
    },
  );

const NO_BODY = { async *[Symbol.asyncIterator]() {} };
const bytes = (text: string) => ({
  async *[Symbol.asyncIterator]() {
    yield new TextEncoder().encode(text);
  },
});

type Validate = (value: unknown) => boolean;

/** What the runtime's validators module gives: each operation's validators, built on first use. */
interface ValidatorsModule {
  ContractValidators: new (
    schemas: unknown,
    boundedPatterns: unknown,
  ) => {
    parameters(operationId: string, location: string): Validate | undefined;
    body(operationId: string, mediaType: string): Validate | undefined;
    response(operationId: string, status: string, mediaType: string): Validate | undefined;
  };
}

/** A value of each JSON type, for each validator to run on. */
const SAMPLES: readonly unknown[] = [{}, [], "1", 1, 1.5, true, null, { a: [1, "b", null] }];

/**
 * Every validator of every operation, built and run on each sample: a throw anywhere is a fault
 * (an invalid value only makes a validator answer false).
 */
async function buildEveryValidator(dir: string, url: (file: string) => string, operations: Record<string, Operation>): Promise<{ built: number; problems: string[] }> {
  const { ContractValidators } = (await import(url("runtime/server/validation.ts"))) as ValidatorsModule;
  const { schemas } = (await import(url("server/schemas.ts"))) as { schemas: unknown };
  const { vmPatternTest } = (await import(url("runtime/server/node-patterns.ts"))) as { vmPatternTest: unknown };
  const validators = new ContractValidators(schemas, vmPatternTest);
  const problems: string[] = [];
  let built = 0;
  for (const [name, operation] of Object.entries(operations)) {
    const builds = new Map<string, () => Validate | undefined>();
    for (const { in: location } of operation.parameters) builds.set(`${location} parameters`, () => validators.parameters(name, location));
    for (const type of operation.requestBody?.contentTypes ?? []) builds.set(`body ${type}`, () => validators.body(name, type));
    for (const [status, types] of Object.entries(operation.responses)) {
      for (const type of types) builds.set(`response ${status} ${type}`, () => validators.response(name, status, type));
    }
    for (const [what, build] of builds) {
      try {
        const validate = build();
        if (validate !== undefined) built += 1;
        for (const sample of SAMPLES) validate?.(structuredClone(sample));
      } catch (error) {
        problems.push(`${dir}: ${name}'s ${what} validator: ${String(error)}`);
      }
    }
  }
  return { built, problems };
}

const faults: string[] = [];
let requests = 0;
let validators = 0;
for (const dir of process.argv.slice(2)) {
  const url = (file: string) => pathToFileURL(join(dir, file)).href;
  const server = (await import(url("server/index.ts"))) as {
    createRequestHandler: (handlers: object, options: object) => (request: object) => Promise<{ status: number } | undefined>;
    ResponseValidationError: new (...args: never[]) => Error;
  };
  const { operations, basePath, securitySchemes } = (await import(url("operations.ts"))) as {
    operations: Record<string, Operation>;
    basePath: string;
    securitySchemes: Record<string, Scheme>;
  };
  const reported: unknown[] = [];
  const answer = (name: string) => () => {
    const [status = "200", media = []] = Object.entries(operations[name]?.responses ?? {})[0] ?? [];
    return { status: /^\d{3}$/.test(status) ? Number(status) : 200, body: media.length > 0 ? {} : undefined };
  };
  let handle: (request: object) => Promise<{ status: number } | undefined>;
  try {
    handle = server.createRequestHandler(standIn(answer), {
      auth: standIn(() => () => ({ id: "fuzz" })),
      validateResponses: true,
      onError: (error: unknown) => reported.push(error),
    });
  } catch (error) {
    faults.push(`${dir}: the server cannot be made: ${String(error)}`);
    continue;
  }
  for (const [name, operation] of Object.entries(operations)) {
    const type = operation.requestBody?.contentTypes[0];
    const body = type === undefined ? undefined : /json/i.test(type) ? "{}" : "";
    const credential = credentials(operation, securitySchemes);
    const response = await handle({
      method: operation.method,
      path: basePath + operation.path.replace(/\{[^{}]*\}/g, "1"),
      query: credential.query,
      headers: {
        ...credential.headers,
        ...(type === undefined || body === undefined ? {} : { "content-type": type, "content-length": String(new TextEncoder().encode(body).length) }),
      },
      body: body === undefined ? NO_BODY : bytes(body),
    });
    requests += 1;
    for (const error of reported.splice(0)) {
      if (!(error instanceof server.ResponseValidationError)) faults.push(`${dir}: ${name} answered ${response?.status}: ${String(error)}`);
    }
  }
  const { built, problems } = await buildEveryValidator(dir, url, operations);
  validators += built;
  faults.push(...problems);
}
console.log(JSON.stringify({ requests, validators, faults }));
