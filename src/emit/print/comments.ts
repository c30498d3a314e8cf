import { hardline, join, type Doc } from "./doc.js";

/**
 * A JSDoc block (as `docComment` writes it, ending in a newline) on its own lines at the current
 * indentation, followed by a line break; nothing for an empty comment.
 */
export function commentDoc(comment: string): Doc {
  if (comment === "") return "";
  return [join(hardline, comment.replace(/\n$/, "").split("\n")), hardline];
}
