import type { ServerAdapter } from "../../config/resolve-config.js";
import { CodegenError } from "../../errors.js";
import { pointer } from "../../pointer.js";
import type { ApiModel, SecurityScheme } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { docComment, jsLiteral } from "../literal.js";
import { SourceFile, external, outputFile, runtimeFile, type ImportLayout } from "../source-file.js";

/** One function the chosen framework mounts, wrapping the pipeline. */
interface AdapterFunction {
  name: string;
  doc: string;
  returns: string;
  /** The runtime function that wraps a `RequestHandler`, and its module. */
  wrap: string;
  module: string;
}

/** What each framework needs: its functions, the runtime module they come from, the types they import. */
interface Adapter {
  functions: AdapterFunction[];
  typeImports: Array<{ from: string; names: string[] }>;
  /** Node can stop a runaway regular expression (in a VM context with a timeout); Web runtimes cannot. */
  node: boolean;
}

const ADAPTERS: Record<ServerAdapter, Adapter> = {
  express: {
    functions: [{ name: "createRouter", doc: "Express 5 middleware serving every operation: `app.use(createRouter(handlers, options))`.", returns: "Handler", wrap: "expressRouter", module: "server/express.ts" }],
    typeImports: [{ from: "express", names: ["Handler"] }],
    node: true,
  },
  fastify: {
    functions: [{ name: "createPlugin", doc: "A Fastify 5 plugin serving every operation: `app.register(createPlugin(handlers, options))`.", returns: "FastifyPluginCallback", wrap: "fastifyPlugin", module: "server/fastify.ts" }],
    typeImports: [{ from: "fastify", names: ["FastifyPluginCallback"] }],
    node: true,
  },
  hono: {
    functions: [
      { name: "createApp", doc: "A Hono app serving every operation: `export default createApp(handlers, options)`, or `app.route(\"/\", createApp(handlers, options))`.", returns: "Hono", wrap: "honoApp", module: "server/hono.ts" },
      { name: "createFetchHandler", doc: "A Web fetch handler serving every operation, for any runtime with `Request` and `Response`: `(request, ip?) => Promise<Response>`.", returns: "FetchHandler", wrap: "fetchHandler", module: "server/web.ts" },
    ],
    typeImports: [{ from: "hono", names: ["Hono"] }],
    node: false,
  },
  node: {
    functions: [{ name: "createRequestListener", doc: "A `node:http` request listener serving every operation: `createServer(createRequestListener(handlers, options))`.", returns: "NodeRequestListener", wrap: "nodeRequestListener", module: "server/node-http.ts" }],
    typeImports: [],
    node: true,
  },
};

/** The names `server/router.ts` exports for a framework, for the server's index. */
export function adapterExports(server: ServerAdapter): string[] {
  return ADAPTERS[server].functions.map((fn) => fn.name);
}

/**
 * `server/router.ts`: `createRequestHandler(handlers, options)`, typed so that every operation
 * needs a handler and every security scheme in use needs a verifier, the wiring of the generated
 * contract data into the runtime, and the chosen framework's entry point over it.
 */
export function emitServerRouter(model: ApiModel, layout: ImportLayout, server: ServerAdapter, docs = false): GeneratedFile {
  const adapter = ADAPTERS[server];
  const used = usedSchemes(model);
  if (!adapter.node) refuseNodeOnly(used);
  if (!adapter.node && docs) {
    throw new CodegenError("--docs serves Swagger UI's files from node_modules, which --server hono cannot read", {
      hint: "use --server express, fastify or node for the docs page, or serve the contract and a docs page from your own static hosting",
    });
  }
  refuseSharedRoutes(model);
  const schemes = used.map((scheme) => ({
    key: jsLiteral(scheme.name),
    doc: docComment([scheme.description]),
    credential: credentialType(scheme),
  }));
  const hasAuth = schemes.length > 0;
  const usesBasic = schemes.some((scheme) => scheme.credential === "BasicCredentials");
  const file = new SourceFile("server/router.ts", layout);
  for (const { from, names } of adapter.typeImports) file.import(external(from), names, { typeOnly: true });
  const fromFramework = (type: string) => adapter.typeImports.some((imported) => imported.names.includes(type));
  file
    .import(outputFile("operations.ts"), ["basePath", "operations", "securitySchemes"])
    .import(runtimeFile("server/auth.ts"), hasAuth ? [...(usesBasic ? ["BasicCredentials"] : []), "Verifier"] : [], { typeOnly: true });
  for (const fn of adapter.functions) file.import(runtimeFile(fn.module), [fn.wrap, ...(fromFramework(fn.returns) ? [] : [`type ${fn.returns}`])]);
  file
    .import(runtimeFile("server/handle.ts"), ["createPipeline", "type RequestHandler", "type ServerContract", "type ServerOptions"])
    .import(runtimeFile("server/node-patterns.ts"), adapter.node ? ["vmPatternTest"] : [])
    .import(runtimeFile("server/node-hash.ts"), adapter.node ? ["nodeSha256"] : [])
    .import(outputFile("server/handlers.ts"), ["Handlers"], { typeOnly: true })
    .import(outputFile("server/schemas.ts"), ["schemas"])
    .import(runtimeFile("server/docs.ts"), docs ? ["docsRoutes"] : [])
    .import(outputFile("server/openapi.ts"), docs ? ["openapi"] : []);
  const names = adapter.functions.map((fn) => `\`${fn.name}\``).join(" and ");
  return file.fromTemplate("server/router.ts", {
    schemes,
    hasAuth,
    errorFormat: jsLiteral(errorFormat(model)),
    boundedPatterns: adapter.node,
    docsTitle: docs ? jsLiteral(`${model.title} ${model.version}`) : undefined,
    adapterNote: `${names} serve${adapter.functions.length > 1 ? "" : "s"} it on ${frameworkName(server)}.`,
    adapters: adapter.functions,
    generic: hasAuth ? "<Principal>" : "",
    parameters: hasAuth ? "handlers: Handlers<Principal>, options: RouterOptions<Principal>" : "handlers: Handlers, options: RouterOptions = {}",
  });
}

/** `server/openapi.ts` (`--docs`): the bundled contract, served at `GET /openapi.json` and read by `GET /docs/`. */
export function emitServerOpenapi(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const prefix = "export const openapi: object = ";
  return new SourceFile("server/openapi.ts", layout).withData([
    "/** The bundled contract, as the server serves it at `GET /openapi.json` (`docs: true`). */\n",
    prefix,
    { kind: "value", value: model.typesSource, at: { indentation: "", column: prefix.length, trailing: 1 } },
    ";\n",
  ]);
}

function frameworkName(server: ServerAdapter): string {
  return { express: "Express", fastify: "Fastify", hono: "Hono and Web runtimes", node: "Node's http server" }[server];
}

function usedSchemes(model: ApiModel): SecurityScheme[] {
  const used = new Set(model.operations.flatMap((operation) => operation.security.flatMap((r) => r.map((e) => e.scheme))));
  return model.securitySchemes.filter((scheme) => used.has(scheme.name));
}

/** A server routes a request to one operation: two with one method and URL shape cannot both be served. */
function refuseSharedRoutes(model: ApiModel): void {
  const [shared] = model.sharedRoutes;
  if (shared === undefined) return;
  throw new CodegenError(shared.message, {
    location: { pointer: shared.pointer },
    hint: `${shared.hint}; or generate --target types,client`,
  });
}

/** Web runtimes give no access to the TLS connection, so a client certificate cannot be checked there. */
function refuseNodeOnly(schemes: SecurityScheme[]): void {
  const mutual = schemes.find((scheme) => scheme.type === "mutualTLS");
  if (mutual === undefined) return;
  throw new CodegenError(`security scheme "${mutual.name}" is mutualTLS, which --server hono cannot check`, {
    location: { pointer: pointer("components", "securitySchemes", mutual.name) },
    hint: "Web Request objects carry no client certificate: use --server express, fastify or node, or verify the certificate at your TLS terminator and pass it on as a header scheme",
  });
}

function credentialType(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme === "basic") return "BasicCredentials";
  if (scheme.type === "mutualTLS") return 'import("node:tls").PeerCertificate';
  return "string";
}

/** problem+json when the contract's own error responses use it; the envelope otherwise. */
export function errorFormat(model: ApiModel): "problem" | "envelope" {
  const problem = model.operations.some((operation) =>
    operation.responses.some(
      (response) =>
        !/^[123]/.test(response.status) && response.content.some((media) => media.contentType.toLowerCase() === "application/problem+json"),
    ),
  );
  return problem ? "problem" : "envelope";
}
