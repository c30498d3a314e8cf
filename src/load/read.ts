import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import type { Node as YamlNode } from "yaml";
import { CodegenError } from "../errors.js";
import { displayPath } from "../display-path.js";
import { checkBounds, MAX_SPEC_DEPTH } from "./bounds.js";
import { parseCommonYaml } from "./fast-yaml.js";

const require = createRequire(import.meta.url);

/** The careful YAML parser, loaded only for what the fast path leaves to it (errors, anchors, locations). */
function carefulYaml(): typeof import("yaml") {
  return require("yaml") as typeof import("yaml");
}
import { parsePointer } from "../pointer.js";

/** Largest spec file read, in bytes; the largest public specs are a few MB. */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;
/** Most YAML aliases expanded in one file: a guard against "billion laughs" documents. */
export const MAX_YAML_ALIASES = 10_000;

/**
 * The bytes of a spec file. Only a regular file is read (symlinks followed; a loop is an error):
 * a FIFO, a device such as `/dev/zero` or a socket is refused before a byte is read, and the size
 * cap holds while reading, whatever `stat` said.
 */
export function readSpecBytes(path: string): Uint8Array {
  const file = displayPath(path);
  let fd: number | undefined;
  try {
    // Non-blocking, so opening a FIFO without a writer cannot wait; the fstat below refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new CodegenError("the spec path is a folder, not a file", {
        location: { file },
        hint: "pass the OpenAPI document itself, e.g. openapi.yaml",
      });
    }
    if (!stat.isFile()) {
      throw new CodegenError("the spec path is not a regular file (a pipe, device or socket)", {
        location: { file },
        hint: "save the document to a file and pass its path",
      });
    }
    return readCapped(fd, file);
  } catch (error) {
    if (error instanceof CodegenError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new CodegenError(`cannot read the spec: ${code}${code === "ELOOP" ? " (a symbolic link loop)" : ""}`, {
      location: { file },
      hint: "check that the path exists and is readable",
      cause: error,
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readCapped(fd: number, file: string): Uint8Array {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    size += read;
    if (size > MAX_SPEC_BYTES) {
      throw new CodegenError(`the file is over the limit of ${MAX_SPEC_BYTES} bytes`, {
        location: { file },
        hint: "split the document into files joined by $ref",
      });
    }
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, size);
}

/** Parses the bytes of a spec file; `path` names it in errors and picks JSON or YAML. */
export function parseSpecText(bytes: Uint8Array, path: string): unknown {
  const file = displayPath(path);
  if (!isUtf8(bytes)) {
    const line = firstInvalidUtf8Line(bytes);
    throw new CodegenError("the file is not valid UTF-8", {
      location: { file, line },
      hint: "save the document as UTF-8",
    });
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    throw new CodegenError("the file is empty", {
      location: { file },
      hint: "write an OpenAPI 3.0 or 3.1 document into it",
    });
  }
  // A name without .json or .yaml (standard input, a URL) is read as JSON when it looks like JSON.
  const json = /\.json$/i.test(path) || (!/\.ya?ml$/i.test(path) && /^\s*\{/.test(text));
  const value = json ? parseJson(text, file) : parseYaml(text, file);
  checkBounds(value, file);
  return value;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    // Without a position from JSON.parse, the YAML parser (JSON is YAML) may still point at it.
    const located = position ? undefined : carefulYaml().parseDocument(text, { prettyErrors: true }).errors[0]?.linePos?.[0];
    const where = position ? lineAndColumn(text, Number(position[1])) : { line: located?.line, column: located?.col };
    const reason = message.split("\n")[0]?.replace(/, \.\.\..*$/, "").replace(/ in JSON at position \d+.*$/, "") ?? "";
    throw new CodegenError(`invalid JSON: ${reason}`, {
      location: { file, ...where },
      hint: "fix the JSON syntax at that position",
    });
  }
}

function parseYaml(text: string, file: string): unknown {
  const common = parseCommonYaml(text);
  if (common !== undefined) return common.value;
  try {
    return parseCarefully(text, file);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new CodegenError(`the document nests too deeply to parse (more than ${MAX_SPEC_DEPTH} levels are refused)`, {
      location: { file },
      hint: "flatten it: move nested schemas into components and refer to them with $ref",
    });
  }
}

function parseCarefully(text: string, file: string): unknown {
  const document = carefulYaml().parseDocument(text, { uniqueKeys: true, prettyErrors: true, version: "1.2" });
  const first = document.errors[0];
  // The parser reports its own stack overflow as a syntax error; it is a depth problem.
  if (first?.message.includes("Maximum call stack size exceeded") === true) throw new RangeError(first.message);
  if (first !== undefined) {
    const where = first.linePos?.[0];
    throw new CodegenError(`invalid YAML: ${first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}`, {
      location: { file, line: where?.line, column: where?.col },
      hint: "fix the YAML syntax at that line",
    });
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new CodegenError(`invalid YAML: ${(error as Error).message}`, {
      location: { file },
      hint: "use fewer YAML aliases (anchors referenced with *) or write the values out",
    });
  }
}

/** Finds the 1-based line of a JSON pointer in a YAML or JSON file, when it can be found. */
export function lineOfPointer(path: string, jsonPointer: string, source?: string): number | undefined {
  return pointerLines(path, source)(jsonPointer);
}

/**
 * A function from JSON pointer to the 1-based line where it is written in a YAML or JSON file (or
 * the line of the nearest ancestor found), reading and parsing the file once.
 */
export function pointerLines(path: string, source?: string): (jsonPointer: string) => number | undefined {
  let text: string;
  try {
    text = source ?? readFileSync(path, "utf8");
  } catch {
    return () => undefined;
  }
  const { isMap, isScalar, isSeq, parseDocument } = carefulYaml();
  const document = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
  return (jsonPointer) => {
    let node: YamlNode | null | undefined = document.contents;
    let range = node?.range;
    for (const token of parsePointer(jsonPointer)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token);
        if (pair === undefined) break;
        range = (pair.key as YamlNode).range ?? range;
        node = pair.value as YamlNode | null;
      } else if (isSeq(node)) {
        const item = node.items[Number(token)] as YamlNode | undefined;
        if (item === undefined) break;
        range = item.range ?? range;
        node = item;
      } else {
        break;
      }
    }
    return range ? lineAndColumn(text, range[0]).line : undefined;
  };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  // The lenient decoder puts U+FFFD where the first bad byte was; count the lines before it.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const bad = text.indexOf("\uFFFD");
  return lineAndColumn(text, bad === -1 ? 0 : bad).line;
}
