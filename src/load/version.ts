import { CodegenError } from "../errors.js";

export type OpenApiVersion = "3.0" | "3.1";

/** Accepts OpenAPI 3.0.x and 3.1.x documents; refuses anything else clearly (Swagger 2.0 is converted before). */
export function checkVersion(document: unknown, file: string): OpenApiVersion {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new CodegenError("the document is not an object", {
      location: { file, pointer: "#" },
      hint: "an OpenAPI document is a mapping with `openapi`, `info` and `paths`",
    });
  }
  const record = document as Record<string, unknown>;
  const version = record.openapi;
  if (typeof version !== "string") {
    throw new CodegenError("missing `openapi` version field", {
      location: { file, pointer: "#/openapi" },
      hint: 'add `openapi: "3.1.0"` (or 3.0.x) at the top of the document',
    });
  }
  if (/^3\.0\.\d+$/.test(version)) return "3.0";
  if (/^3\.1\.\d+$/.test(version)) return "3.1";
  throw new CodegenError(`OpenAPI version ${JSON.stringify(version)} is not supported`, {
    location: { file, pointer: "#/openapi" },
    hint: "use an OpenAPI 3.0.x or 3.1.x document",
  });
}
