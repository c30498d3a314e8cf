import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment, jsLiteral } from "./literal.js";
import { wireTypes } from "./read-write.js";
import { SourceFile, outputFile, type ImportLayout } from "./source-file.js";

/**
 * `models.ts`: a named type alias for every component schema, as responses carry it (without
 * writeOnly properties, when the contract marks any; a request body's type is its operation's).
 */
export function emitModels(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const file = new SourceFile("models.ts", layout);
  if (model.schemas.length > 0) file.import(outputFile("types.ts"), ["components"], { typeOnly: true });
  const wire = wireTypes(model, file);
  const schemas = model.schemas.map((schema) => ({
    id: schema.id,
    type: wire.received(`components["schemas"][${jsLiteral(schema.name)}]`),
    doc: docComment([schema.description]),
  }));
  return file.fromTemplate("models.ts", { schemas });
}
