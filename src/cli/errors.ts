import type { CodegenError } from "../errors.js";

/** Renders a CodegenError as the lines the user sees, without a stack trace. */
export function formatError(error: CodegenError): string {
  const { file, pointer, line, column } = error.location;
  const where = [
    file === undefined ? undefined : line === undefined ? file : `${file}:${line}${column === undefined ? "" : `:${column}`}`,
    pointer,
  ]
    .filter((part) => part !== undefined && part !== "")
    .join(" at ");
  const lines = [`error: ${clip(error.message)}`];
  if (where !== "") lines.push(`  in ${clip(where)}`);
  if (error.hint !== undefined) lines.push(`  fix: ${clip(error.hint)}`);
  return lines.join("\n");
}

/** Spec text in a message (a name, a $ref, a path) can be any length: keep each part readable. */
const MAX_PART = 400;

function clip(text: string): string {
  return text.length <= MAX_PART ? text : `${text.slice(0, MAX_PART / 2)}…${text.slice(-MAX_PART / 2)}`;
}
