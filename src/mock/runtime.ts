/**
 * The generated server's runtime, as `codegen mock` runs it: the same modules the generator copies
 * into an output folder, compiled to `dist/runtime` by the build. Only the parts the mock calls are
 * typed here; the runtime's own tests hold the rest.
 */
import type { IncomingMessage, ServerResponse as NodeResponse } from "node:http";
import type { PatternRuntime } from "./pattern-strings.js";

export interface Validator {
  (data: unknown): boolean;
  errors: ReadonlyArray<{ instancePath: string; message: string }> | null;
}

export interface ContractValidators {
  response(operationId: string, status: string, mediaType: string): Validator | undefined;
}

export interface ServerContract {
  operations: Record<string, object>;
  securitySchemes: Record<string, object>;
  schemas: { openapi: "3.0" | "3.1"; document: object };
  basePath: string;
  errorFormat: "problem" | "envelope";
  boundedPatterns: unknown;
  sha256: unknown;
  docs: unknown;
}

export type RequestHandler = ((request: object) => Promise<object | undefined>) & { report: unknown };

export interface Runtime extends PatternRuntime {
  createPipeline(contract: ServerContract, handlers: object, verifiers: object, options: object): RequestHandler;
  nodeRequestListener(handle: RequestHandler): (req: IncomingMessage, res: NodeResponse, next?: () => void) => void;
  ContractValidators: new (schemas: ServerContract["schemas"], boundedPatterns: unknown) => ContractValidators;
  HttpError: new (status: number, code: string, message: string) => Error;
  /** `GET /openapi.json` and `GET /docs/` for a contract. */
  docsRoutes(openapi: object, title: string): unknown;
  /** The pipeline's own rules: which media types are JSON, which headers HTTP can carry. */
  isJsonMediaType(mediaType: string): boolean;
  isValidHeader(name: string, value: string): boolean;
  /** A literal part of a path as the client sends it (what a path segment may not hold, percent-encoded). */
  encodeLiteral(text: string): string;
  nodeSha256: unknown;
}

const MODULES = [
  "server/handle.js",
  "server/node-http.js",
  "server/validation.js",
  "server/errors.js",
  "server/patterns.js",
  "server/node-patterns.js",
  "server/node-hash.js",
  "path.js",
  "server/docs.js",
  "server/body.js",
  "server/respond.js",
];

/**
 * The runtime's modules, merged into one object: compiled in `dist/runtime`, or, when this module
 * runs from its TypeScript source (the tests), the sources in `templates/runtime`.
 */
export async function loadRuntime(): Promise<Runtime> {
  const fromSource = import.meta.url.endsWith(".ts");
  const url = (path: string) =>
    fromSource ? new URL(`../../templates/runtime/${path.replace(/\.js$/, ".ts")}`, import.meta.url) : new URL(`../runtime/${path}`, import.meta.url);
  const modules = await Promise.all(MODULES.map((path) => import(url(path).href) as Promise<object>));
  return Object.assign({}, ...modules) as Runtime;
}
