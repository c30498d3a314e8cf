import { format, type Options } from "prettier";
import { CodegenError } from "../cli/errors.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { PRINT_WIDTH } from "../emit/print/doc.js";

/**
 * Prettier options pinned by the tool: the user's `.prettierrc` is never read, so output is the
 * same on every machine and `check` never flips.
 */
export const PRETTIER_OPTIONS: Options = {
  parser: "typescript",
  printWidth: PRINT_WIDTH,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
};

/** Formats one TypeScript file; a formatter failure is an error, never unformatted output. */
export async function formatFile(file: GeneratedFile): Promise<GeneratedFile> {
  if (file.formatted) return file;
  return { ...file, content: await formatSource(file.content, file.path) };
}

/** Formats TypeScript source that will be written at `path` (named in the error if it does not parse). */
export async function formatSource(source: string, path: string): Promise<string> {
  try {
    return await format(source, PRETTIER_OPTIONS);
  } catch (error) {
    throw new CodegenError(`internal error: the generated ${path} does not parse (${firstLine(error)})`, {
      hint: "this is a bug in codegen; run with --debug and report it with the spec that caused it",
      cause: error,
    });
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}
