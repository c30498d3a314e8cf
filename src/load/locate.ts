import { CodegenError } from "../errors.js";
import { displayPath } from "./display-path.js";
import { lineOfPointer } from "./read.js";

/** Adds the line number to an error that points into the root file but has none yet. */
export function withLine(error: unknown, rootPath: string): unknown {
  if (!(error instanceof CodegenError)) return error;
  const { file, pointer, line } = error.location;
  if (pointer === undefined || line !== undefined || file !== displayPath(rootPath)) return error;
  return new CodegenError(error.message, {
    location: { ...error.location, line: lineOfPointer(rootPath, pointer) },
    hint: error.hint,
    exitCode: error.exitCode,
    cause: error.cause,
  });
}
