import { SchemaChecks, type Validator } from "../../../templates/runtime/server/schema-check.js";

/**
 * A validator for a schema that stands alone (no `$ref` to resolve), as the runtime builds one for
 * requests, patterns run by V8's engine; `coerce` and `defaults` as the case needs.
 */
export function standaloneValidator(schema: unknown, { coerce, defaults }: { coerce: boolean; defaults: boolean }): Validator {
  return new SchemaChecks({
    coerce,
    defaults,
    direction: "request",
    draft2020: false,
    resolve: () => undefined,
    pattern: (source) => new RegExp(source, "u"),
  }).validator(schema);
}
