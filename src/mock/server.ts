/**
 * `codegen mock`'s server: every operation of the contract through the generated server's own
 * request pipeline (validation, auth, rate limits and idempotency in memory, paging with signed
 * cursors), answered by `MockAnswers`; the bundled contract at `GET /openapi.json` and its
 * reference page at `GET /docs`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type Server } from "node:http";
import type { ApiModel } from "../ir/model.js";
import { MockAnswers, type MockRequest } from "./answers.js";
import { mockContract } from "./contract.js";
import { parsePrefer } from "./prefer.js";
import { loadRuntime } from "./runtime.js";

export interface MockOptions {
  seed: number;
  /** Largest request body accepted, in bytes (the server's `bodyLimit`); default 1 MiB. */
  bodyLimit?: number | undefined;
  /** The only credential every security scheme accepts (`user:password` for basic); any, when absent. */
  auth: string | undefined;
  /** Told once of each pattern no string could be drawn for. */
  onUnservedPattern: (pattern: string) => void;
  /** Told of every unexpected error (a 500). */
  onError: (error: unknown) => void;
}

export interface MockServer {
  server: Server;
  /** How many operations are served. */
  operations: number;
}

/** A Node http server (not yet listening) that mocks the contract. */
export async function createMockServer(model: ApiModel, options: MockOptions): Promise<MockServer> {
  const runtime = await loadRuntime();
  const { contract, operations, pagination } = mockContract(model, runtime);
  const requests = new AsyncLocalStorage<MockRequest>();
  const unserved = new Set<string>();
  const answers = new MockAnswers({
    schemas: contract.schemas.document,
    openapi: model.typesSource,
    seed: options.seed,
    runtime,
    validators: new runtime.ContractValidators(contract.schemas, runtime.vmPatternTest),
    unserved: (pattern) => {
      if (unserved.has(pattern)) return;
      unserved.add(pattern);
      options.onUnservedPattern(pattern);
    },
  });
  const handlers: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {};
  for (const operation of operations) {
    handlers[operation.id] = async (input) => {
      const request = requests.getStore() ?? { prefer: parsePrefer(undefined), url: "/" };
      return answers.answer(operation, pagination.get(operation.id), input, request);
    };
  }
  const verifiers: Record<string, (credential: unknown) => unknown> = {};
  for (const name of Object.keys(contract.securitySchemes)) verifiers[name] = (credential) => principalFor(credential, options.auth);
  const handle = runtime.createPipeline(contract, handlers, verifiers, {
    pagination: { cursorSecret: `codegen-mock-${options.seed}` },
    docs: true,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    onError: options.onError,
  });
  const listener = runtime.nodeRequestListener(handle);
  const server = createServer((req, res) => {
    const prefer = parsePrefer(typeof req.headers.prefer === "string" ? req.headers.prefer : undefined);
    requests.run({ prefer, url: req.url ?? "/" }, () => listener(req, res));
  });
  return { server, operations: operations.length };
}

/** Anyone (or, with `--auth`, only that credential) is a principal, keyed by the credential. */
function principalFor(credential: unknown, only: string | undefined): { id: string } | null {
  const text =
    typeof credential === "object" && credential !== null && "username" in credential && "password" in credential
      ? `${String(credential.username)}:${String(credential.password)}`
      : typeof credential === "string"
        ? credential
        : "certificate";
  if (only !== undefined && text !== only) return null;
  return { id: text };
}
