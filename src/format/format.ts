import type ts from "typescript";
import type { Options } from "prettier";
import { CodegenError } from "../errors.js";
import type { DataPart, GeneratedFile, StatementsFile, TextFile } from "../emit/generated-file.js";
import { hasParseErrors, openapiTypescript, typescript } from "../internals.js";
import { PRINT_WIDTH, printDoc, textWidth } from "./print/doc.js";
import { printObject, printValue, quoted } from "./print/js-value.js";
import { UnsupportedNode, statementDoc } from "./print/typescript.js";

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

/**
 * The format stage: one emitted file as text in prettier's layout. Declarations and data are laid
 * out by our printer; TypeScript source statement by statement (our printer, prettier for what it
 * does not know). A formatter failure is an error, never unformatted output.
 */
export async function formatFile(file: GeneratedFile): Promise<TextFile> {
  if ("declarations" in file) return { path: file.path, content: escapeLineSeparators(await printDeclarations(file.declarations)) };
  if ("parts" in file) return { path: file.path, content: file.parts.map(printPart).join("") };
  if ("statements" in file) return { path: file.path, content: await printStatements(file) };
  if (file.formatted) return file;
  return { path: file.path, content: await formatSource(file.content, file.path) };
}

/**
 * Raw line and paragraph separators written as `\u2028` / `\u2029`: openapi-typescript copies
 * them from the spec into string literals, where TypeScript before 5.x (and JavaScript before
 * ES2019) ends the string; in a comment the escape reads the same, and prettier keeps escapes.
 */
export function escapeLineSeparators(text: string): string {
  return text.replace(/[\u2028\u2029]/g, (char) => (char === "\u2028" ? "\\u2028" : "\\u2029"));
}

/** Each declaration in prettier's layout, released once printed (Stripe's are tens of MB). */
async function printDeclarations(declarations: Array<ts.Node | undefined>): Promise<string> {
  const printed: string[] = [];
  for (let index = 0; index < declarations.length; index++) {
    const declaration = declarations[index] as ts.Node;
    declarations[index] = undefined;
    printed.push(await printStatement(declaration, "types.ts"));
  }
  return printed.join("");
}

/** A statement built in memory, in prettier's layout, ending with a line break. */
async function printStatement(node: ts.Node, path: string): Promise<string> {
  try {
    return printDoc(statementDoc(node), PRINT_WIDTH) + "\n";
  } catch (error) {
    if (!(error instanceof UnsupportedNode)) throw error;
    // The rare kind our printer does not lay out goes through prettier.
    return formatSource(openapiTypescript().astToString(node), path);
  }
}

/** The body statement by statement as it is built, a blank line between them; then the imports before it and the re-exports after. */
async function printStatements(file: StatementsFile): Promise<string> {
  const body: string[] = [];
  for (const node of file.statements) body.push(await printStatement(node, file.path));
  const { imports, exports } = file.links();
  const printed = async (nodes: ts.Node[]) => (await Promise.all(nodes.map((node) => printStatement(node, file.path)))).join("");
  const head = await printed(imports);
  return head + (head !== "" && body.length > 0 ? "\n" : "") + body.join("\n") + (await printed(exports));
}

function printPart(part: DataPart): string {
  if (typeof part === "string") return part;
  switch (part.kind) {
    case "object":
      return printObject(part.entries, part.at, part.expanded);
    case "value":
      return printValue(part.value, part.at);
    case "string-assignment": {
      // A string cannot break, so the line breaks after `=` when it does not fit.
      const text = quoted(part.text);
      const fits = textWidth(`${part.head} ${text}${part.tail}`) <= PRINT_WIDTH;
      return `${part.head}${fits ? " " : "\n  "}${text}${part.tail}`;
    }
  }
}

/**
 * Formats TypeScript source that will be written at `path`, exactly as prettier would: each
 * top-level statement our printer knows (src/format/print/typescript.ts) is laid out by it, and
 * each run of other statements by prettier itself, so generated files skip prettier's parse and
 * print (the golden and real-spec tests hold the two to the same bytes).
 */
export async function formatSource(source: string, path: string): Promise<string> {
  // JSDoc is not parsed into nodes: the printer reads comments as text.
  const options = { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
  const file = typescript.createSourceFile(path, source, options, false, typescript.ScriptKind.TS);
  const statements = file.statements;
  if (statements.length === 0 || hasParseErrors(file)) return prettier(source, path);
  const ours = statements.map((statement) => printedByUs(statement, file));
  const chunks: string[] = [];
  let index = 0;
  while (index < statements.length) {
    const statement = statements[index] as ts.Statement;
    if (index > 0 && blankLineBefore(file, statement)) chunks.push("\n");
    const printed = ours[index];
    if (printed !== undefined) {
      chunks.push(printed);
      index++;
      continue;
    }
    // A run of statements our printer does not lay out goes to prettier in one piece.
    let end = index + 1;
    while (end < statements.length && ours[end] === undefined && !blankLineBefore(file, statements[end] as ts.Statement)) end++;
    const last = statements[end - 1] as ts.Statement;
    const trailing = typescript.getTrailingCommentRanges(source, last.end) ?? [];
    chunks.push(await prettier(source.slice(statement.pos, trailing.at(-1)?.end ?? last.end), path));
    index = end;
  }
  return chunks.join("");
}

function printedByUs(statement: ts.Statement, file: ts.SourceFile): string | undefined {
  try {
    return printDoc(statementDoc(statement, file), PRINT_WIDTH) + "\n";
  } catch (error) {
    if (error instanceof UnsupportedNode) return undefined;
    throw error;
  }
}

/** Whether a blank line separates a statement (with its leading comments) from the one before. */
function blankLineBefore(file: ts.SourceFile, statement: ts.Statement): boolean {
  const comments = typescript.getLeadingCommentRanges(file.text, statement.pos) ?? [];
  const start = comments[0]?.pos ?? statement.getStart(file);
  return /\n[ \t]*\n/.test(file.text.slice(statement.pos, start));
}



/** Prettier itself, loaded only when a statement needs it (none of what the tool generates today does). */
async function prettier(source: string, path: string): Promise<string> {
  const { format } = await import("prettier");
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
