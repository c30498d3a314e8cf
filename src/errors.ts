/**
 * The errors every stage may throw: a leaf below the pipeline, so no stage depends on the CLI.
 * Only the CLI turns them into exit codes and the lines the user reads (`cli/errors.ts`).
 */

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
  /** The config entry the failing API came from (`codegen.config.json#/apis/1`), when there is one. */
  readonly origin: string | undefined;

  constructor(
    message: string,
    options: { location?: ErrorLocation; hint?: string; exitCode?: number; cause?: unknown; origin?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CodegenError";
    this.exitCode = options.exitCode ?? 2;
    this.location = options.location ?? {};
    this.hint = options.hint;
    this.origin = options.origin;
  }
}
