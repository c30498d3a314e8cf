import { createRequire } from "node:module";
import { CodegenError } from "../errors.js";

const require = createRequire(import.meta.url);

interface Converter {
  convertObj(document: object, options: object): Promise<{ openapi: Record<string, unknown> }>;
}

/**
 * A Swagger 2.0 document converted to OpenAPI 3.0 by swagger2openapi (with a note saying so);
 * any other document as it is. The converter's own fixes of small spec errors (`patch`) are on,
 * since the result is validated as OpenAPI 3.0 next.
 */
export async function fromSwagger2(document: unknown, file: string): Promise<{ document: unknown; notes: string[] }> {
  const record = document as Record<string, unknown> | null;
  if (typeof record !== "object" || record === null || Array.isArray(record) || !("swagger" in record)) return { document, notes: [] };
  if (record.swagger !== "2.0") {
    throw new CodegenError(`Swagger ${JSON.stringify(record.swagger)} is not supported`, {
      location: { file, pointer: "#/swagger" },
      hint: 'use a Swagger "2.0" or an OpenAPI 3.0/3.1 document',
    });
  }
  const converter = require("swagger2openapi") as Converter;
  try {
    const { openapi } = await converter.convertObj(structuredClone(record), { patch: true, warnOnly: true, resolve: false });
    return { document: openapi, notes: ["converted from Swagger 2.0 to OpenAPI 3.0 by swagger2openapi"] };
  } catch (error) {
    throw new CodegenError(`the Swagger 2.0 document could not be converted: ${(error as Error).message.split("\n")[0] ?? ""}`, {
      location: { file },
      hint: "fix the document where the message points, or convert it to OpenAPI 3 yourself",
      cause: error,
    });
  }
}
