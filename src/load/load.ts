import { fileURLToPath } from "node:url";
import { CodegenError, type ErrorLocation } from "../errors.js";
import { findRef } from "./find-ref.js";
import { isPlainlyValid } from "./direct-validation.js";
import { displayPath } from "./display-path.js";
import { hideLiteralValues, restoreLiteralValues } from "./literal-values.js";
import { withLine } from "./locate.js";
import { checkBounds } from "./bounds.js";
import { parseSpecText, readSpecBytes, readSpecFile } from "./read.js";
import { checkRefTargets } from "./ref-targets.js";
import { checkVersion, type OpenApiVersion } from "./version.js";
import { toCodegenError } from "./parser-errors.js";

export interface LoadOptions {
  /** Resolve `$ref`s to http(s) URLs; off by default so the tool works offline and never fetches. */
  allowRemoteRefs: boolean;
}

/** A validated OpenAPI document, bundled into one object whose `$ref`s are all internal. */
export interface LoadedSpec {
  /** Absolute path of the root file. */
  path: string;
  version: OpenApiVersion;
  document: Record<string, unknown>;
}

/**
 * Reads the root file, refuses what this tool cannot read, validates a clone with
 * swagger-parser (which dereferences it) and, when it refers to other files, bundles the working
 * copy, keeping `$ref` names.
 */
export async function loadSpec(path: string, options: LoadOptions): Promise<LoadedSpec> {
  try {
    return await loadValidated(path, options);
  } catch (error) {
    throw withLine(error, path);
  }
}

async function loadValidated(path: string, options: LoadOptions): Promise<LoadedSpec> {
  const root = readSpecFile(path);
  const version = checkVersion(root, displayPath(path));
  hideLiteralValues(root);

  // A document whose `$ref`s are all internal is bundled already; the common valid one is shown
  // valid directly, without swagger-parser's dereferenced copy (hidden data values read as `{}`,
  // valid wherever data may stand).
  const external = findRef(root, (ref) => !ref.startsWith("#")) !== undefined;
  // Before any validator follows them: a $ref must resolve through own properties.
  checkRefTargets(root, displayPath(path));
  if (!external && isPlainlyValid(root as Record<string, unknown>, version)) {
    return { path, version, document: restoreLiteralValues(root) as Record<string, unknown> };
  }
  const { default: SwaggerParser } = await import("@apidevtools/swagger-parser");
  const state: ParseState = { failure: undefined };
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
    return { path, version, document };
  } catch (error) {
    throw state.failure ?? (error instanceof CodegenError ? error : toCodegenError(error, path, root));
  }
}

interface ParseState {
  /** The first error our own parser raised; the ref parser wraps errors, so it is kept aside. */
  failure: CodegenError | undefined;
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
        return readSpecBytes(urlToPath(file.url));
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
        hint: "download the file and refer to it by a relative path, or pass --allow-remote-refs",
      });
      state.failure ??= error;
      throw error;
    },
  };
  return {
    parse: { json: false, yaml: false, text: false, binary: false, spec: specParser },
    // Remote refs are opt-in; once the user opts in, a schema server on their own network is allowed.
    resolve: options.allowRemoteRefs
      ? { file: false, readLocal, http: { safeUrlResolver: false } }
      : { file: false, readLocal, http: false, refuseRemote },
    dereference: { circular: true },
    validate: { schema: true, spec: true },
  };
}

function urlToPath(url: string): string {
  if (url.startsWith("file:")) return fileURLToPath(url);
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

