import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { SourceFile, outputFile } from "./source-file.js";

/** `index.ts`: the public surface of the generated folder. */
export function emitIndex(model: ApiModel): GeneratedFile {
  const title = [model.title, model.version].filter((part) => part !== "").join(" ");
  return new SourceFile("index.ts")
    .export(outputFile("types.ts"), ["components", "paths"], { typeOnly: true })
    .export(outputFile("models.ts"), "*")
    .export(outputFile("operations.ts"), ["operations", "basePath", "type OperationId"])
    .export(outputFile("runtime/path.ts"), ["expandPath"])
    .fromTemplate("index.ts", { doc: docComment([title, model.description]) });
}
