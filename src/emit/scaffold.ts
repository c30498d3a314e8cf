import type { ApiModel, Operation } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment, jsLiteral } from "./literal.js";
import { renderTemplate } from "./templates.js";

/**
 * Starting handler files, one per tag (an operation goes with its first tag; untagged ones to
 * `untagged.ts`), plus an `index.ts` that assembles them into a full `Handlers` object. Every
 * operation returns `notImplemented()` (a 501) until the user writes it. These files belong to the
 * user: the caller writes each only when it does not exist yet.
 */
export function emitScaffold(model: ApiModel, serverImport: string): GeneratedFile[] {
  const groups = new Map<string, Operation[]>();
  const tagIds = new Map(model.tags.map((tag) => [tag.name, tag.id]));
  for (const operation of model.operations) {
    const tag = operation.tags[0];
    const group = tag === undefined ? "untagged" : (tagIds.get(tag) ?? "untagged");
    groups.set(group, [...(groups.get(group) ?? []), operation]);
  }
  const used = new Set(["index"]);
  const modules = [...groups.entries()].map(([group, operations]) => {
    let name = group;
    for (let suffix = 2; used.has(name); suffix++) name = `${group}${suffix}`;
    used.add(name);
    return {
      file: name,
      constant: `${name}Handlers`,
      names: operations.map((operation) => jsLiteral(operation.id)).join(" | "),
      operations: operations.map((operation) => ({ id: operation.id, doc: docComment([operation.summary]) })),
    };
  });
  const files = modules.map((module) => ({
    path: `${module.file}.ts`,
    content: renderTemplate("scaffold/handlers.ts", { ...module, serverImport: jsLiteral(serverImport) }),
  }));
  files.push({ path: "index.ts", content: renderTemplate("scaffold/index.ts", { modules, serverImport: jsLiteral(serverImport) }) });
  return files;
}
