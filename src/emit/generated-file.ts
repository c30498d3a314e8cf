import type { Node as TsNode } from "typescript";

/**
 * One output file as an emitter describes it; the format stage turns each into text. Emitters do
 * not lay code out themselves: they hand over TypeScript source, openapi-typescript's
 * declarations, or text with data constants, and say which.
 */
export type GeneratedFile = TextFile | DeclarationsFile | DataFile | StatementsFile;

/** What every emitted file has. */
interface EmittedFile {
  /** Relative to the output root, with `/`. */
  path: string;
  /**
   * The output files it imports or re-exports from, by path from the output root (as its
   * `SourceFile` holds them): the runtime modules an output includes are what these reach.
   * Complete once the file is formatted (a `StatementsFile` learns them as it is read).
   */
  imports?: readonly string[];
}

/** A file as text. */
export interface TextFile extends EmittedFile {
  content: string;
  /**
   * The content is already in the pinned prettier layout (the runtime's files; tests prove it),
   * so the format stage passes it through instead of spending time re-formatting it.
   */
  formatted?: true;
}

/** openapi-typescript's declarations, laid out one by one (each released once printed). */
export interface DeclarationsFile extends EmittedFile {
  declarations: Array<TsNode | undefined>;
}

/**
 * Statements built as TypeScript nodes (src/emit/nodes.ts): `client/index.ts`,
 * `server/handlers.ts`, `models.ts`. The body is built as the format stage reads it, each
 * statement printed and dropped before the next is made; the imports it needed are known after.
 */
export interface StatementsFile extends EmittedFile {
  /** The body, a blank line between statements. */
  statements: Iterable<TsNode>;
  /** Once `statements` is read: the import statements written before the body, the re-exports after it. */
  links(): { imports: TsNode[]; exports: TsNode[] };
}

/** Lines of code with data constants among them (`operations.ts`, `server/schemas.ts`). */
export interface DataFile extends EmittedFile {
  parts: DataPart[];
}

/** Text as written, or a value the format stage lays out where it stands. */
export type DataPart =
  | string
  | {
      kind: "object";
      entries: ObjectEntry[];
      at: ValuePosition;
      expanded: boolean;
    }
  | { kind: "value"; value: unknown; at: ValuePosition }
  /** `<head> "<text>"<tail>`: the line breaks after `head` (an `=`) when the string does not fit. */
  | { kind: "string-assignment"; head: string; text: string; tail: string };

/** Where a value starts and what follows it, for laying it out. */
export interface ValuePosition {
  /** The indentation of the line the value starts on. */
  indentation: string;
  /** The column the value starts at. */
  column: number;
  /** The width of what follows the value on its last line (`,` or `;` and the like). */
  trailing: number;
}

/**
 * A value of a data constant that the generated code holds as JSON text, written
 * `new <constructorName>(`<JSON>`)`: the runtime parses it when first needed (`SchemaText`), so
 * loading the module costs reading a string, not building the value.
 */
export class JsonTextValue {
  constructor(
    readonly constructorName: string,
    readonly value: unknown,
  ) {}
}

/** An entry of an object constant: a key, its value and an optional comment. */
export interface ObjectEntry {
  key: string;
  value: unknown;
  /** Comment lines printed above the entry (a JSDoc block as `docComment` writes it). */
  comment?: string;
}
