/** Where in the input a problem was found. */
export interface ErrorLocation {
  /** Path of the file, relative to the working directory where possible. */
  file?: string;
  /** JSON pointer inside that file, e.g. `#/paths/~1users/get`. */
  pointer?: string;
  /** 1-based line and column, where the parser gives them. */
  line?: number;
  column?: number;
}

/**
 * An error the user can act on: it names where, what and how to fix.
 * Commands throw it; only the entry point turns it into an exit code.
 */
export class CodegenError extends Error {
  readonly exitCode: number;
  readonly location: ErrorLocation;
  readonly hint: string | undefined;

  constructor(
    message: string,
    options: { location?: ErrorLocation; hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CodegenError";
    this.exitCode = options.exitCode ?? 2;
    this.location = options.location ?? {};
    this.hint = options.hint;
  }
}

/** Ends a command with an exit code after it has printed its own report. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitError";
  }
}

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
