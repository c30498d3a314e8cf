import type { Node as TsNode } from "typescript";

/**
 * One output file as an emitter describes it; the format stage turns each into text. Emitters do
 * not lay code out themselves: they hand over TypeScript source, openapi-typescript's
 * declarations, or text with data constants, and say which.
 */
export type GeneratedFile = TextFile | DeclarationsFile | DataFile;

/** What every emitted file has. */
interface EmittedFile {
  /** Relative to the output root, with `/`. */
  path: string;
  /**
   * The output files it imports or re-exports from, by path from the output root (as its
   * `SourceFile` holds them): the runtime modules an output includes are what these reach.
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
 * Lines of code with data constants among them (`operations.ts`, `server/schemas.ts`), or a file
 * of statements built as TypeScript nodes (`client/index.ts`, `server/handlers.ts`).
 */
export interface DataFile extends EmittedFile {
  parts: DataPart[];
}

/** Text as written, a value the format stage lays out where it stands, or a statement it prints. */
export type DataPart =
  | string
  /** A top-level statement built in memory (src/emit/nodes.ts), printed on lines of its own. */
  | { kind: "statement"; node: TsNode }
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

/** An entry of an object constant: a key, its value and an optional comment. */
export interface ObjectEntry {
  key: string;
  value: unknown;
  /** Comment lines printed above the entry (a JSDoc block as `docComment` writes it). */
  comment?: string;
}
