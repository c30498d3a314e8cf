import { lstatSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "../errors.js";

/** Relative paths of `/`-separated segments, each starting with a letter, digit or `_`: no `..`, no dot-files. */
const SAFE_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

/**
 * Refuses an output path that could land outside the output folder: a path that is not a plain
 * relative slug, or one that goes through a symbolic link inside the folder.
 */
export function assertSafeOutputPath(outDir: string, path: string): void {
  if (!SAFE_PATH.test(path)) {
    throw new CodegenError(`internal error: unsafe output path ${JSON.stringify(path)}`, {
      hint: "this is a bug in codegen; please report it with the spec that caused it",
    });
  }
  const segments = path.split("/");
  let current = outDir;
  for (const segment of segments.slice(0, -1)) {
    current = join(current, segment);
    let isLink = false;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return; // the rest does not exist yet and will be created as plain folders
    }
    if (isLink) {
      throw new CodegenError(`the output folder contains a symbolic link at ${JSON.stringify(segment)}`, {
        location: { file: current },
        hint: "remove the link; generated files are only written to plain folders inside the output folder",
      });
    }
  }
}
