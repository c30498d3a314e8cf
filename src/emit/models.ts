import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { indexed, typeAlias, typeRef } from "./nodes.js";
import { wireTypes } from "./read-write.js";
import { SourceFile, outputFile, type ImportLayout } from "./source-file.js";

/**
 * `models.ts`: a named type alias for every component schema, as responses carry it (without
 * writeOnly properties, when the contract marks any; a request body's type is its operation's).
 */
export function emitModels(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const file = new SourceFile("models.ts", layout);
  if (model.schemas.length === 0) return { path: file.path, parts: ["/** The contract declares no component schemas. */\nexport {};\n"], imports: [] };
  file.import(outputFile("types.ts"), ["components"], { typeOnly: true });
  const wire = wireTypes(model, file);
  const aliases = function* () {
    for (const schema of model.schemas) {
      yield typeAlias(schema.id, wire.received(indexed(typeRef("components"), "schemas", schema.name)), {
        exported: true,
        doc: docComment([schema.description]),
      });
    }
  };
  return file.withStatements(aliases());
}
