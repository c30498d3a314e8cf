import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { jsLiteral } from "./literal.js";

const require = createRequire(import.meta.url);

/** The folder of `*.hbs` templates and of `runtime/` files copied verbatim. */
export const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

/** Where `npm run build` (src/emit/build-templates.ts) puts the precompiled templates. */
export const PRECOMPILED_DIR = new URL("../../dist/templates/", import.meta.url);

/**
 * Strict (a missing view-model field is an error), no HTML escaping (the output is TypeScript;
 * escaping is done by the helpers), no re-indenting of partials.
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true };

type Runtime = typeof import("handlebars");

/**
 * A private Handlebars runtime instance with the helpers registered here and nowhere else.
 * Templates see precomputed view models only, never the spec.
 */
let handlebars: Runtime | undefined;

const loaded = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>.hbs` (precompiled at build time) with a view model. */
export function renderTemplate(name: string, view: object): string {
  let template = loaded.get(name);
  if (template === undefined) {
    if (handlebars === undefined) {
      handlebars = (require("handlebars/runtime") as { default: Runtime }).default.create();
      handlebars.registerHelper("json", (value: unknown) => jsLiteral(value));
    }
    const spec = require(fileURLToPath(new URL(`${name}.cjs`, PRECOMPILED_DIR))) as TemplateSpecification;
    template = handlebars.template(spec);
    loaded.set(name, template);
  }
  return template(view);
}

/** Reads `templates/runtime/<name>` as it is. */
export function readRuntimeFile(name: string): string {
  return readFileSync(new URL(`runtime/${name}`, TEMPLATES_DIR), "utf8");
}
