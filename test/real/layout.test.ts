import { join } from "node:path";
import { astToString } from "openapi-typescript";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import { typeStatements } from "../../src/emit/types.js";
import { PRETTIER_OPTIONS, escapeLineSeparators } from "../../src/format/format.js";
import { withoutHeader } from "../../src/output/header.js";
import { ROOT, renderFolder } from "../helpers.js";
import { SPECS_DIR, openApiSpecs } from "./specs.js";

/**
 * The large files are laid out by our own printer (src/format/print) instead of prettier, for
 * speed. On every real spec, prettier must agree with that layout byte for byte.
 */
describe.each(openApiSpecs())("the printed layout on %s", (name) => {
  const specPath = join(SPECS_DIR, name);

  it("is what prettier prints, for every generated file", async () => {
    const { files } = await renderFolder(specPath, join(ROOT, ".tmp", "layout"));
    for (const file of files.filter((generated) => !generated.path.startsWith("runtime/"))) {
      expect(await format(file.content, PRETTIER_OPTIONS), `${name}: ${file.path}`).toBe(file.content);
    }
  });

  it("prints openapi-typescript's declarations as prettier prints the TypeScript printer's text", async () => {
    const { files, model } = await renderFolder(specPath, join(ROOT, ".tmp", "layout"));
    const types = files.find((file) => file.path === "types.ts")?.content ?? "";
    const expected = escapeLineSeparators(await format(astToString(typeStatements(model.typesSource as Record<string, unknown>, model.readWrite)), PRETTIER_OPTIONS));
    expect(withoutHeader(types)).toBe(expected);
  });
});
