import { relative, sep } from "node:path";

/** A path as shown to the user: relative to the working directory, with forward slashes; a URL as it is. */
export function displayPath(path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const shown = relative(process.cwd(), path) || path;
  return shown.split(sep).join("/");
}
