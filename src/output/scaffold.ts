import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { CodegenError } from "../cli/errors.js";
import type { GeneratedFile } from "../emit/generated-file.js";

/** The import specifier of the generated server from the scaffold folder (`../api/server/index.js`). */
export function serverImportPath(scaffoldDir: string, outDir: string): string {
  const inside = relative(outDir, scaffoldDir);
  if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside))) {
    throw new CodegenError("the scaffold folder is inside the output folder", {
      hint: "keep your handlers outside the generated folder, e.g. --scaffold src/handlers -o src/api",
    });
  }
  const path = relative(scaffoldDir, join(outDir, "server", "index.js")).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/** Writes each file that does not exist yet (never replacing one); returns what was written and kept. */
export function writeScaffold(dir: string, files: GeneratedFile[]): { written: string[]; kept: string[] } {
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    try {
      writeFileSync(target, file.content, { flag: "wx" });
      written.push(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      kept.push(file.path);
    }
  }
  return { written, kept };
}
