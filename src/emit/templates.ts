import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { jsLiteral } from "./literal.js";

/** The folder of `*.hbs` templates and of `runtime/` files copied verbatim. */
export const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

/**
 * A private Handlebars instance: strict (a missing view-model field is an error), no HTML
 * escaping (the output is TypeScript; escaping is done by the helpers), helpers registered here
 * and nowhere else. Templates see precomputed view models only, never the spec.
 */
const handlebars = Handlebars.create();

handlebars.registerHelper("json", (value: unknown) => jsLiteral(value));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>.hbs` with a view model. */
export function renderTemplate(name: string, view: object): string {
  let template = compiled.get(name);
  if (template === undefined) {
    const source = readFileSync(new URL(`${name}.hbs`, TEMPLATES_DIR), "utf8");
    template = handlebars.compile(source, { strict: true, noEscape: true, preventIndent: true });
    compiled.set(name, template);
  }
  return template(view);
}

/** Reads `templates/runtime/<name>` as it is. */
export function readRuntimeFile(name: string): string {
  return readFileSync(new URL(`runtime/${name}`, TEMPLATES_DIR), "utf8");
}
