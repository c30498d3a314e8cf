/**
 * A schema the generated `server/schemas.ts` holds as JSON text: parsed the first time a validator
 * needs it, then kept. A large contract's server starts without building every operation's
 * schemas: V8 reads a string in a fraction of the time it takes to parse and build an object
 * literal of the same size (Stripe's 2.2 MB of schemas), and an operation no request reaches never
 * builds its schemas at all.
 */
export class SchemaText {
  #text: string | undefined;
  #value: unknown;

  constructor(text: string) {
    this.#text = text;
  }

  /** The schema the text spells, parsed on first use (the text is then let go). */
  get value(): unknown {
    if (this.#text !== undefined) {
      this.#value = JSON.parse(this.#text);
      this.#text = undefined;
    }
    return this.#value;
  }

  /** `JSON.stringify` writes the schema, so the document serializes as plain JSON Schema. */
  toJSON(): unknown {
    return this.value;
  }
}

/** A node of the schemas document as the validators read it: a schema text's value, anything else as it is. */
export function parsed(node: unknown): unknown {
  return node instanceof SchemaText ? node.value : node;
}
