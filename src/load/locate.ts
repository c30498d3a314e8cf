import { CodegenError } from "../errors.js";
import { displayPath } from "../display-path.js";
import { lineOfPointer } from "./read.js";

/**
 * Adds the line number to an error that points into the root file but has none yet. `text` is the
 * root's text when it is not a file to read (standard input, a URL), or null when pointers do not
 * lead into it (a converted Swagger 2.0 document).
 */
export function withLine(error: unknown, rootPath: string, text?: string | null): unknown {
  if (!(error instanceof CodegenError) || text === null) return error;
  // A pointer without a file (from a stage that sees only the bundled document) is in the root file.
  const { pointer, line } = error.location;
  const file = error.location.file ?? (pointer === undefined ? undefined : displayPath(rootPath));
  if (pointer === undefined || line !== undefined || file !== displayPath(rootPath)) return error;
  return new CodegenError(error.message, {
    location: { ...error.location, file, line: lineOfPointer(rootPath, pointer, text) },
    hint: error.hint,
    exitCode: error.exitCode,
    cause: error.cause,
  });
}
