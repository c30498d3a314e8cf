import { CodegenError } from "../cli/errors.js";
import openapiTS, { astToString } from "openapi-typescript";
import { inlineDeepRefs } from "./inline-deep-refs.js";
import type { GeneratedFile } from "./generated-file.js";

/** `types.ts`: every schema, path and operation as TypeScript types, by openapi-typescript. */
export async function emitTypes(document: Record<string, unknown>): Promise<GeneratedFile> {
  let ast;
  try {
    ast = await openapiTS(inlineDeepRefs(document) as never, { silent: true, alphabetize: false });
  } catch (error) {
    throw new CodegenError(`cannot generate types: ${(error as Error).message}`, {
      hint: "fix the schema at that location; run with --debug for details",
      cause: error,
    });
  }
  return { path: "types.ts", content: astToString(ast) };
}
