/**
 * The only ways spec text reaches generated code: as a string/JSON literal, as JSON text inside a
 * template literal, or inside a comment. Each is escaped so no input can end the literal or the
 * comment.
 */

/**
 * A JavaScript literal for any JSON value, safe in any source position. A `__proto__` key is
 * written as a computed key, which defines an own property instead of setting the prototype.
 */
export function jsLiteral(value: unknown): string {
  return escapeSeparators(serialize(value));
}

function serialize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item ?? null)).join(",")}]`;
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== "function");
    return `{${entries.map(([key, item]) => `${key === "__proto__" ? '["__proto__"]' : JSON.stringify(key)}:${serialize(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** What `escapeSeparators` changes: a raw line or paragraph separator, or `</`. */
const NEEDS_ESCAPE = /[\u2028\u2029]|<\//;

function escapeSeparators(json: string): string {
  if (!NEEDS_ESCAPE.test(json)) return json;
  return json.replace(/[\u2028\u2029]/g, (char) => (char === "\u2028" ? "\\u2028" : "\\u2029")).replace(/<\//g, "<\\/");
}

/**
 * JSON text (one value's, or a token of it) as the inside of a template literal that spells it: a
 * backslash, a backtick and `${` escaped, a line or paragraph separator and `</` given JSON's own
 * escapes first. `JSON.parse` of the template's value gives the value back.
 */
export function templateJson(value: unknown): string {
  const json = JSON.stringify(value) ?? "null";
  if (!TEMPLATE_ESCAPES.test(json)) return json;
  return escapeSeparators(json).replace(/\\|`|\$\{/g, (text) => `\\${text}`);
}

/** What {@link templateJson} changes, or may: most JSON text has none of it. */
const TEMPLATE_ESCAPES = /[\\`$\u2028\u2029<]/;

/** Text made safe for the inside of a block comment: one logical line per entry. */
export function commentLines(text: string): string[] {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.trimEnd().replace(/^(\s*)@/, "$1\\@"));
}

/** A JSDoc block from optional paragraphs and tags (`@deprecated …`); empty when there is nothing to say. */
export function docComment(paragraphs: Array<string | undefined>, tags: string[] = []): string {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph === undefined || paragraph.trim() === "") continue;
    if (lines.length > 0) lines.push("");
    for (const line of trimBlank(commentLines(paragraph))) lines.push(line);
  }
  for (const tag of tags) {
    commentLines(tag).forEach((line, index) => lines.push(index === 0 ? line.replace(/^\\@/, "@") : line));
  }
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
