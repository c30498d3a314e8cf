import type { ApiModel, Operation } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment, jsLiteral } from "./literal.js";
import { SourceFile, external, outputFile, type ImportLayout } from "./source-file.js";

/**
 * Starting handler files, one per tag (an operation goes with its first tag; untagged ones to
 * `untagged.ts`), plus an `index.ts` that assembles them into a full `Handlers` object. Every
 * operation returns `notImplemented()` (a 501) until the user writes it. These files belong to the
 * user: the caller writes each only when it does not exist yet.
 */
export function emitScaffold(model: ApiModel, serverImport: string, layout: ImportLayout): GeneratedFile[] {
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
  const server = external(serverImport);
  const files = modules.map((module) =>
    new SourceFile(`${module.file}.ts`, layout).import(server, ["notImplemented", "type Handlers"]).fromTemplate("scaffold/handlers.ts", module),
  );
  const index = new SourceFile("index.ts", layout).import(server, ["Handlers"], { typeOnly: true });
  for (const module of modules) index.import(outputFile(`${module.file}.ts`), [module.constant]);
  files.push(index.fromTemplate("scaffold/index.ts", { modules }));
  return files;
}
