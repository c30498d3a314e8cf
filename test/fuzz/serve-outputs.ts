/**
 * Run by `tsx` with generated output folders as arguments (test/fuzz/fuzz-specs.ts): imports each
 * one's server and sends every operation one request through its request handler, with a JSON
 * body `{}` where it takes one and the credentials its first security requirement asks for (any
 * credential passes), every response checked against the contract. Each handler answers
 * the operation's first declared status with `{}`. Prints, as JSON, what went wrong that the
 * contract does not explain: an error other than a response that does not match it (a validator
 * that cannot be built, a crash), or a server that cannot be made.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface Operation {
  method: string;
  path: string;
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

const faults: string[] = [];
let requests = 0;
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
}
console.log(JSON.stringify({ requests, faults }));
