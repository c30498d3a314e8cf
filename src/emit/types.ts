import openapiTS, { astToString } from "openapi-typescript";
import type { GeneratedFile } from "./generated-file.js";

/** `types.ts`: every schema, path and operation as TypeScript types, by openapi-typescript. */
export async function emitTypes(document: Record<string, unknown>): Promise<GeneratedFile> {
  const ast = await openapiTS(structuredClone(document) as never, { silent: true, alphabetize: false });
  return { path: "types.ts", content: astToString(ast) };
}
