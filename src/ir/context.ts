import { CodegenError } from "../errors.js";
import { displayPath } from "../display-path.js";
import { pointer as makePointer, valueAtPointer } from "../pointer.js";
import type { ModelWarning } from "./model.js";

/** What every IR builder needs: the bundled document, for `$ref`s, and a way to report. */
export class BuildContext {
  /** What the contract leaves to guesswork that the tool settled the safe way, for the summary. */
  readonly warnings: ModelWarning[] = [];

  constructor(
    readonly document: Record<string, unknown>,
    private readonly rootPath: string,
  ) {}

  /** Follows `$ref`s inside the document until a non-reference object is reached. */
  resolve(value: unknown, at: string): { value: Record<string, unknown>; pointer: string } {
    let current = value;
    let currentPointer = at;
    for (let hops = 0; isRecord(current) && typeof current.$ref === "string"; hops++) {
      const ref = current.$ref;
      if (!ref.startsWith("#") || hops > 64) {
        throw this.error(`cannot follow $ref ${JSON.stringify(ref)}`, currentPointer, "use a $ref to a component in this document");
      }
      currentPointer = ref;
      current = this.at(ref);
    }
    if (!isRecord(current)) {
      throw this.error("expected an object here", currentPointer, "point the $ref at an object of the right kind");
    }
    return { value: current, pointer: currentPointer };
  }

  /** The values `$ref`s named so far, by pointer (a shared response or schema is named many times). */
  private readonly referenced = new Map<string, unknown>();

  /** The value at a JSON pointer, or undefined. */
  at(jsonPointer: string): unknown {
    if (this.referenced.has(jsonPointer)) return this.referenced.get(jsonPointer);
    const value = valueAtPointer(this.document, jsonPointer);
    this.referenced.set(jsonPointer, value);
    return value;
  }

  error(message: string, at: string, hint: string): CodegenError {
    return new CodegenError(message, { location: { file: displayPath(this.rootPath), pointer: at }, hint });
  }

  warn(message: string, at: string, hint: string): void {
    this.warnings.push({ message, pointer: at, hint });
  }

  pointer(...tokens: Array<string | number>): string {
    return makePointer(...tokens);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Own entries of a spec object, or none when it is not an object. */
export function entriesOf(value: unknown): Array<[string, unknown]> {
  return isRecord(value) ? Object.entries(value) : [];
}

/** A schema with its `$ref`s followed (inside the document), or undefined when it is not an object. */
export function resolveSchema(schema: unknown, context: BuildContext): Record<string, unknown> | undefined {
  let current = schema;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string"; hops++) {
    if (!current.$ref.startsWith("#") || hops > 64) return undefined;
    current = context.at(current.$ref);
  }
  return isRecord(current) ? current : undefined;
}
