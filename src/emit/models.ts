import type { ApiModel } from "../ir/model.js";
import type { GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { PRINT_WIDTH, group, hardline, indent, indentIfBreak, line, printDoc, type Doc } from "./print/doc.js";
import { commentDoc } from "./print/comments.js";
import { quoted } from "./print/js-value.js";

/** `models.ts`: a named type alias for every component schema. */
export function emitModels(model: ApiModel): GeneratedFile {
  if (model.schemas.length === 0) {
    return {
      path: "models.ts",
      content: "/** The contract declares no component schemas. */\nexport {};\n",
      formatted: true,
    };
  }
  const parts: Doc[] = ['import type { components } from "./types.js";', hardline];
  for (const schema of model.schemas) {
    const id = Symbol("alias");
    parts.push(
      hardline,
      commentDoc(docComment([schema.description])),
      group([
        `export type ${schema.id} =`,
        group(indent(line), { id }),
        indentIfBreak(`components["schemas"][${quoted(schema.name)}]`, id),
        ";",
      ]),
      hardline,
    );
  }
  return { path: "models.ts", content: printDoc(parts, PRINT_WIDTH), formatted: true };
}
