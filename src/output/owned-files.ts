import { closeSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import { OWNED_MARKER } from "./header.js";

/**
 * The files under `outDir` that this tool wrote (their first line is the header), as relative
 * paths with `/`, sorted. Links are not followed; dot-folders and node_modules are skipped.
 */
export function listOwnedFiles(outDir: string): string[] {
  const owned: string[] = [];
  const visit = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && entry.name !== "node_modules") visit(full, relative);
      } else if (entry.isFile() && startsWithMarker(full)) {
        owned.push(relative);
      }
    }
  };
  visit(outDir, "");
  return owned.sort();
}

function startsWithMarker(path: string): boolean {
  const buffer = Buffer.alloc(OWNED_MARKER.length);
  let descriptor: number | undefined;
  try {
    if (!lstatSync(path).isFile()) return false;
    descriptor = openSync(path, "r");
    const read = readSync(descriptor, buffer, 0, buffer.length, 0);
    return read === buffer.length && buffer.toString("utf8") === OWNED_MARKER;
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
