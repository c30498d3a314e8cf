import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { renderTemplate } from "./templates.js";

/** `index.ts`: the public surface of the generated folder. */
export function emitIndex(model: ApiModel): GeneratedFile {
  const title = [model.title, model.version].filter((part) => part !== "").join(" ");
  return {
    path: "index.ts",
    content: renderTemplate("index.ts", { doc: docComment([title, model.description]) }),
  };
}
