/**
 * The only two ways spec text reaches generated code: as a string/JSON literal, or inside a
 * comment. Both are escaped so no input can end the literal or the comment.
 */

/** A JavaScript literal for any JSON value, safe in any source position. */
export function jsLiteral(value: unknown): string {
  const json = JSON.stringify(value) ?? "undefined";
  return json.replace(/[\u2028\u2029]/g, (char) => (char === "\u2028" ? "\\u2028" : "\\u2029")).replace(/<\//g, "<\\/");
}

/** Text made safe for the inside of a block comment: one logical line per entry. */
export function commentLines(text: string): string[] {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.replace(/\s+$/, "").replace(/^(\s*)@/, "$1\\@"));
}

/** A JSDoc block from optional paragraphs and tags (`@deprecated …`); empty when there is nothing to say. */
export function docComment(paragraphs: Array<string | undefined>, tags: string[] = []): string {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph === undefined || paragraph.trim() === "") continue;
    if (lines.length > 0) lines.push("");
    lines.push(...trimBlank(commentLines(paragraph)));
  }
  for (const tag of tags) lines.push(...commentLines(tag).map((line, index) => (index === 0 ? line.replace(/^\\@/, "@") : line)));
  if (lines.length === 0) return "";
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return ["/**", ...lines.map((line) => (line === "" ? " *" : ` * ${line}`)), " */"].join("\n") + "\n";
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}
