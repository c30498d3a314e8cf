import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { SourceFile, outputFile } from "./source-file.js";

/** `models.ts`: a named type alias for every component schema. */
export function emitModels(model: ApiModel): GeneratedFile {
  const schemas = model.schemas.map((schema) => ({
    id: schema.id,
    name: schema.name,
    doc: docComment([schema.description]),
  }));
  const file = new SourceFile("models.ts");
  if (schemas.length > 0) file.import(outputFile("types.ts"), ["components"], { typeOnly: true });
  return file.fromTemplate("models.ts", { schemas });
}
