import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

/** Real public specs, read from ../shared/specs (never copied into the repository). */
export const SPECS_DIR = join(ROOT, "..", "shared", "specs");

/** Every spec file there, by name, sorted. */
export function allSpecs(): string[] {
  return readdirSync(SPECS_DIR)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort();
}

export function isSwagger2(name: string): boolean {
  const text = readFileSync(join(SPECS_DIR, name), "utf8");
  return name.endsWith(".json") ? "swagger" in JSON.parse(text) : /^swagger\s*:/m.test(text);
}

/** The OpenAPI 3.x specs there (Swagger 2.0 documents are refused by the tool). */
export function openApiSpecs(): string[] {
  return allSpecs().filter((name) => !isSwagger2(name));
}
