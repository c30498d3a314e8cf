import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { renderTemplate } from "./templates.js";

/** `models.ts`: a named type alias for every component schema. */
export function emitModels(model: ApiModel): GeneratedFile {
  const schemas = model.schemas.map((schema) => ({
    id: schema.id,
    name: schema.name,
    doc: docComment([schema.description]),
  }));
  return { path: "models.ts", content: renderTemplate("models.ts", { schemas }) };
}
