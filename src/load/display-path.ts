import { relative, sep } from "node:path";

/** A path as shown to the user: relative to the working directory, with forward slashes. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path) || path;
  return shown.split(sep).join("/");
}
