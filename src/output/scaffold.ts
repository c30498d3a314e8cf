import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { TextFile } from "../emit/generated-file.js";

/** Writes each file that does not exist yet (never replacing one); returns what was written and kept. */
export function writeScaffold(dir: string, files: TextFile[]): { written: string[]; kept: string[] } {
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
