import { CodegenError } from "../errors.js";
import { printable } from "../printable.js";
import type { Printer } from "./output.js";

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
  if (error.origin !== undefined) lines.push(`  for ${clip(error.origin)}`);
  if (error.hint !== undefined) lines.push(`  fix: ${clip(error.hint)}`);
  return lines.join("\n");
}

/** Spec text in a message (a name, a $ref, a path) can be any length and hold any character: keep each part one readable line. */
const MAX_PART = 400;

function clip(text: string): string {
  const line = printable(text);
  return line.length <= MAX_PART ? line : `${line.slice(0, MAX_PART / 2)}…${line.slice(-MAX_PART / 2)}`;
}

/** Prints an error as the user reads it and returns its exit code: a CodegenError without a stack, anything else as a bug. */
export function reportError(error: unknown, print: Printer, debug: boolean): number {
  if (error instanceof CodegenError) {
    print.err(formatError(error));
    if (debug) print.err(String(error.stack) + (error.cause instanceof Error ? `\ncaused by: ${error.cause.stack}` : ""));
    return error.exitCode;
  }
  print.err(`error: ${error instanceof Error ? error.message : String(error)}`);
  print.err(debug ? String((error as Error).stack) : "  this is a bug in codegen; run with --debug for details and report it");
  return 2;
}
