import type { ApiModel, SecurityScheme } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { docComment, jsLiteral } from "../literal.js";
import { SourceFile, external, outputFile, runtimeFile, type ImportLayout } from "../source-file.js";

/**
 * `server/router.ts`: `createRouter(handlers, options)`, typed so that every operation needs a
 * handler and every security scheme in use needs a verifier, and the wiring of the generated
 * contract data into the runtime.
 */
export function emitServerRouter(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const used = new Set(model.operations.flatMap((operation) => operation.security.flatMap((r) => r.map((e) => e.scheme))));
  const schemes = model.securitySchemes
    .filter((scheme) => used.has(scheme.name))
    .map((scheme) => ({
      key: jsLiteral(scheme.name),
      doc: docComment([scheme.description]),
      credential: credentialType(scheme),
    }));
  const usesBasic = schemes.some((scheme) => scheme.credential === "BasicCredentials");
  const file = new SourceFile("server/router.ts", layout)
    .import(external("express"), ["Router"], { typeOnly: true })
    .import(outputFile("operations.ts"), ["basePath", "operations", "securitySchemes"])
    .import(runtimeFile("server/auth.ts"), schemes.length > 0 ? [...(usesBasic ? ["BasicCredentials"] : []), "Verifier"] : [], { typeOnly: true })
    .import(runtimeFile("server/express.ts"), ["expressRouter"])
    .import(runtimeFile("server/handle.ts"), ["createRequestHandler", "type ServerContract", "type ServerOptions"])
    .import(outputFile("server/handlers.ts"), ["Handlers"], { typeOnly: true })
    .import(outputFile("server/schemas.ts"), ["schemas"]);
  return file.fromTemplate("server/router.ts", {
    schemes,
    hasAuth: schemes.length > 0,
    errorFormat: jsLiteral(errorFormat(model)),
  });
}

function credentialType(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme === "basic") return "BasicCredentials";
  if (scheme.type === "mutualTLS") return 'import("node:tls").PeerCertificate';
  return "string";
}

/** problem+json when the contract's own error responses use it; the envelope otherwise. */
function errorFormat(model: ApiModel): "problem" | "envelope" {
  const problem = model.operations.some((operation) =>
    operation.responses.some(
      (response) =>
        !/^[123]/.test(response.status) && response.content.some((media) => media.contentType.toLowerCase() === "application/problem+json"),
    ),
  );
  return problem ? "problem" : "envelope";
}
