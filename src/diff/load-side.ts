import { readFileSync, rmSync } from "node:fs";
import { relative, resolve } from "node:path";
import { displayPath } from "../display-path.js";
import { CodegenError } from "../errors.js";
import { buildModel } from "../ir/build-model.js";
import type { ApiModel } from "../ir/model.js";
import { checkOutSpec, parseGitSpec } from "../load/git-source.js";
import { loadSpec } from "../load/load.js";
import { withLine } from "../load/locate.js";
import { pointerLines } from "../load/read.js";

/** One side of a diff: its model, what to call it, and where its pointers are written. */
export interface DiffSide {
  /** As the user named it: a path, `git:<rev>:<path>`, a URL or `<stdin>`. */
  label: string;
  model: ApiModel;
  /** The root file as a path from the repository root or working directory (for annotations), when it is a file. */
  file: string | undefined;
  /** The line of a JSON pointer in the root file, when it can be told (not for a converted Swagger 2.0 document). */
  lineOf(pointer: string): number | undefined;
}

/**
 * Loads one side through the same loader and IR as `generate`: a file, `-`, a URL (with
 * `allowRemote`) or `git:<rev>:<path>`, read at that revision into a temporary folder that is
 * removed once the model is built. Errors name the side as the user wrote it.
 */
export async function loadSide(input: string, options: { allowRemote: boolean; cwd: string }): Promise<DiffSide> {
  const git = parseGitSpec(input);
  if (git === undefined) {
    const spec = await loadSpec(input, { allowRemote: options.allowRemote });
    const model = modelOf(spec);
    const file = spec.url === undefined && !spec.fromStdin ? displayPath(spec.path) : undefined;
    return { label: spec.url ?? (spec.fromStdin ? "<stdin>" : displayPath(spec.path)), model, file, lineOf: lazyLines(spec.path, spec.text) };
  }
  const checkedOut = checkOutSpec(git, options.cwd);
  try {
    const spec = await loadSpec(checkedOut.root, { allowRemote: options.allowRemote });
    const model = modelOf(spec);
    const text = spec.text === null ? null : readFileSync(checkedOut.root, "utf8");
    const label = checkedOut.label(checkedOut.root);
    return { label, model, file: label.replace(/^git:[^:]+:/, ""), lineOf: lazyLines(checkedOut.root, text) };
  } catch (error) {
    throw relabel(error, checkedOut.dir, checkedOut.label);
  } finally {
    rmSync(checkedOut.dir, { recursive: true, force: true });
  }
}

function modelOf(spec: Awaited<ReturnType<typeof loadSpec>>): ApiModel {
  try {
    return buildModel(spec);
  } catch (error) {
    throw withLine(error, spec.path, spec.text);
  }
}

/** Parses the root file for lines only when a pointer is first asked for. */
function lazyLines(path: string, text: string | null | undefined): (pointer: string) => number | undefined {
  if (text === null) return () => undefined;
  let lines: ((pointer: string) => number | undefined) | undefined;
  return (pointer) => (lines ??= pointerLines(path, text))(pointer);
}

/** An error in a file of the temporary folder names the file as `git:<rev>:<path>`. */
function relabel(error: unknown, dir: string, label: (file: string) => string): unknown {
  if (!(error instanceof CodegenError) || error.location.file === undefined) return error;
  const absolute = resolve(error.location.file);
  if (relative(dir, absolute).startsWith("..")) return error;
  return new CodegenError(error.message, {
    location: { ...error.location, file: label(absolute) },
    hint: error.hint,
    exitCode: error.exitCode,
    cause: error.cause,
  });
}
