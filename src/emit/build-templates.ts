import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { COMPILE_OPTIONS, PRECOMPILED_DIR, TEMPLATES_DIR } from "./templates.js";

/**
 * Build step (`npm run build`): precompiles every `templates/**\/*.hbs` to a module in
 * dist/templates/, so a run loads only Handlebars' runtime and compiles nothing.
 */
const source = fileURLToPath(TEMPLATES_DIR);
const out = fileURLToPath(PRECOMPILED_DIR);
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === "runtime" ? [] : walk(join(dir, entry.name))) : entry.name.endsWith(".hbs") ? [join(dir, entry.name)] : [],
  );
for (const file of walk(source)) {
  const target = join(out, relative(source, file).replace(/\.hbs$/, ".cjs"));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `module.exports = ${Handlebars.precompile(readFileSync(file, "utf8"), COMPILE_OPTIONS)};\n`);
}
