import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FILE = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));

/**
 * Puts a benchmark's section into BENCHMARKS.md: in place of its last one (between
 * `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`, which `section` must carry), else at the end.
 */
export function writeSection(name: string, section: string): void {
  let text = readFileSync(FILE, "utf8");
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*<!-- /bench:${name} -->`);
  text = pattern.test(text) ? text.replace(pattern, () => section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, text);
}
