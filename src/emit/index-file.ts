import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { SourceFile, outputFile, type ImportLayout } from "./source-file.js";

/** `index.ts`: the public surface of the generated folder; the operations table when a client or server is generated. */
export function emitIndex(model: ApiModel, layout: ImportLayout, withOperations: boolean): GeneratedFile {
  const title = [model.title, model.version].filter((part) => part !== "").join(" ");
  const file = new SourceFile("index.ts", layout)
    .export(outputFile("types.ts"), ["components", "paths"], { typeOnly: true })
    .export(outputFile("models.ts"), "*");
  if (withOperations) {
    file
      .export(outputFile("operations.ts"), ["operations", "basePath", "type OperationId"])
      .export(outputFile("runtime/path.ts"), ["expandPath"]);
  }
  return file.fromTemplate("index.ts", { doc: docComment([title, model.description]) });
}
