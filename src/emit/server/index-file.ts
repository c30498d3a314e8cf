import type { ApiModel } from "../../ir/model.js";
import type { GeneratedFile } from "../generated-file.js";
import { renderTemplate } from "../templates.js";

/** `server/index.ts`: what a server needs, from one import. */
export function emitServerIndex(model: ApiModel): GeneratedFile {
  const hasAuth = model.operations.some((operation) => operation.security.some((requirement) => requirement.length > 0));
  return { path: "server/index.ts", content: renderTemplate("server/index.ts", { hasAuth }) };
}
