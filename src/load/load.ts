import { fileURLToPath } from "node:url";
import { CodegenError, type ErrorLocation } from "../errors.js";
import { findRef, hasRef } from "./find-ref.js";
import { isPlainlyValid } from "./direct-validation.js";
import { displayPath } from "../display-path.js";
import { hideLiteralValues, restoreLiteralValues } from "./literal-values.js";
import { withLine } from "./locate.js";
import { checkBounds } from "./bounds.js";
import { parseSpecText, readSpecBytes } from "./read.js";
import { readSource, type SpecSource } from "./source.js";
import { fromSwagger2 } from "./swagger2.js";
import { checkRefTargets } from "./ref-targets.js";
import { checkVersion, type OpenApiVersion } from "./version.js";
import { toCodegenError } from "./parser-errors.js";

export interface LoadOptions {
  /** Fetch an http(s) spec and resolve `$ref`s to http(s) URLs; off by default so the tool works offline and never fetches. */
  allowRemote: boolean;
}

/** A validated OpenAPI document, bundled into one object whose `$ref`s are all internal. */
export interface LoadedSpec {
  /** Absolute path of the root file (for standard input, `<stdin>` in the working directory), or its URL. */
  path: string;
  /** The URL the spec was fetched from. */
  url: string | undefined;
  fromStdin: boolean;
  version: OpenApiVersion;
  document: Record<string, unknown>;
  /** What was done to the document on the way in (a Swagger 2.0 conversion), for the summary. */
  notes: string[];
  /** The root's text for finding lines: undefined to read the file, null when pointers do not lead into it (converted). */
  text: string | null | undefined;
  /** The local files read: the root (unless standard input or a URL) and every file its `$ref`s reached. */
  files: string[];
}

/**
 * Reads the root file, refuses what this tool cannot read, validates a clone with
 * swagger-parser (which dereferences it) and, when it refers to other files, bundles the working
 * copy, keeping `$ref` names.
 */
export async function loadSpec(spec: string, options: LoadOptions): Promise<LoadedSpec> {
  const source = await readSource(spec, options.allowRemote);
  let converted = false;
  try {
    const parsed = parseSpecText(source.bytes, source.path);
    const { document, notes } = await fromSwagger2(parsed, displayPath(source.path));
    converted = notes.length > 0;
    // The walks below take the document as a tree of bounded size: the converter's output is checked too.
    if (converted) checkBounds(document, displayPath(source.path));
    return await loadValidated(source, document, notes, options);
  } catch (error) {
    throw withLine(error, source.path, converted ? null : source.text);
  }
}

async function loadValidated(source: SpecSource, root: unknown, notes: string[], options: LoadOptions): Promise<LoadedSpec> {
  const { path } = source;
  const version = checkVersion(root, displayPath(path));
  hideLiteralValues(root);
  const text = notes.length > 0 ? null : source.text;
  const files = source.url === undefined && !source.fromStdin ? [path] : [];
  const loaded = { path, url: source.url, fromStdin: source.fromStdin, version, notes, text, files };

  // A document whose `$ref`s are all internal is bundled already; the common valid one is shown
  // valid directly, without swagger-parser's dereferenced copy (hidden data values read as `{}`,
  // valid wherever data may stand).
  const external = hasRef(root, (ref) => !ref.startsWith("#"));
  // Before any validator follows them: a $ref must resolve through own properties.
  checkRefTargets(root, displayPath(path));
  if (!external && isPlainlyValid(root as Record<string, unknown>, version)) {
    return { ...loaded, document: restoreLiteralValues(root) as Record<string, unknown> };
  }
  const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
  const state: ParseState = { failure: undefined, read: files };
  const parserOptions = refParserOptions(options, state, (url) => ({
    file: displayPath(path),
    pointer: findRef(root, (ref) => ref === url),
  }));
  try {
    // The clone drops the symbol-keyed holders, so validation sees each hidden data value as `{}`;
    // the working copy keeps them for bundling and restoring.
    await SwaggerParser.validate(path, structuredClone(root) as never, parserOptions as never);
    const bundled = external ? await SwaggerParser.bundle(path, root as never, parserOptions as never) : root;
    // Bundling joins files, so the joined document is measured again.
    if (external) {
      checkBounds(bundled, displayPath(path));
      checkRefTargets(bundled, displayPath(path));
    }
    const document = restoreLiteralValues(bundled) as Record<string, unknown>;
    return { ...loaded, document };
  } catch (error) {
    throw state.failure ?? (error instanceof CodegenError ? error : toCodegenError(error, path, root));
  }
}

interface ParseState {
  /** The first error our own parser raised; the ref parser wraps errors, so it is kept aside. */
  failure: CodegenError | undefined;
  /** The local files read so far. */
  read: string[];
}

function refParserOptions(
  options: LoadOptions,
  state: ParseState,
  locateRef: (url: string) => ErrorLocation,
): object {
  const specParser = {
    order: 1,
    canParse: [".yaml", ".yml", ".json"],
    parse(file: { url: string; data: Uint8Array | string }): unknown {
      try {
        const filePath = urlToPath(file.url);
        const bytes = typeof file.data === "string" ? Buffer.from(file.data) : file.data;
        const value = parseSpecText(bytes, filePath);
        hideLiteralValues(value);
        return value;
      } catch (error) {
        if (error instanceof CodegenError) state.failure ??= error;
        throw error;
      }
    },
  };
  // Referenced files are read as the root is: regular files only, size-capped while reading.
  const readLocal = {
    order: 1,
    canRead: (file: { url: string }) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(file.url) || /^file:/i.test(file.url),
    read(file: { url: string }): Uint8Array {
      try {
        const path = urlToPath(file.url);
        if (!state.read.includes(path)) state.read.push(path);
        return readSpecBytes(path);
      } catch (error) {
        // A file that cannot be opened is reported with the $ref that names it.
        if (error instanceof CodegenError && error.cause !== undefined) throw error.cause;
        if (error instanceof CodegenError) state.failure ??= error;
        throw error;
      }
    },
  };
  const refuseRemote = {
    order: 1,
    canRead: /^https?:\/\//i,
    read(file: { url: string }): never {
      const error = new CodegenError(`remote $ref refused: ${JSON.stringify(file.url)}`, {
        location: locateRef(file.url),
        hint: "download the file and refer to it by a relative path, or pass --allow-remote",
      });
      state.failure ??= error;
      throw error;
    },
  };
  return {
    parse: { json: false, yaml: false, text: false, binary: false, spec: specParser },
    // Remote refs are opt-in; once the user opts in, a schema server on their own network is allowed.
    resolve: options.allowRemote
      ? { file: false, readLocal, http: { safeUrlResolver: false } }
      : { file: false, readLocal, http: false, refuseRemote },
    dereference: { circular: true },
    validate: { schema: true, spec: true },
  };
}

/** A file URL or a `$ref`'s file part as a path (`%20` a space); a malformed escape is read as written. */
export function urlToPath(url: string): string {
  if (url.startsWith("file:")) return fileURLToPath(url);
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

