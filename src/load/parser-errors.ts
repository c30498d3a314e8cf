import { CodegenError } from "../errors.js";
import { displayPath } from "../display-path.js";
import { dirname, resolve } from "node:path";
import { findRef } from "./find-ref.js";

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Keywords whose errors only say "one of the alternatives failed"; a deeper error says which. */
const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "allOf", "not", "if", "then", "else", "$ref", "false schema"]);

/** Turns an error from swagger-parser / json-schema-ref-parser into one the user can act on. */
export function toCodegenError(error: unknown, rootPath: string, rootDocument: unknown): CodegenError {
  const file = displayPath(rootPath);
  /** Where in the root file the `$ref` that leads to `target` stands, with its line. */
  const refLocation = (target: string) => {
    const at = findRef(rootDocument, (ref) => sameTarget(ref, rootPath, target));
    return { file, pointer: at };
  };
  const record = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const message = typeof record.message === "string" ? record.message : String(error);

  if (Array.isArray(record.details)) {
    const best = pickAjvError(record.details as AjvError[]);
    if (best !== undefined) {
      const pointer = "#" + best.instancePath;
      return new CodegenError(`the document is not valid OpenAPI: ${describeAjvError(best)}`, {
        location: { file, pointer },
        hint: "correct the value at that location to match the OpenAPI specification",
        cause: error,
      });
    }
  }
  if (record.name === "MissingPointerError") {
    const target = typeof record.targetRef === "string" ? record.targetRef : undefined;
    const ref = target === undefined ? "a $ref" : `$ref ${JSON.stringify(relativeRef(target, rootPath))}`;
    return new CodegenError(`unresolved reference: ${ref} points to nothing`, {
      location: target === undefined ? { file } : refLocation(target),
      hint: "define the referenced component or fix the $ref path",
      cause: error,
    });
  }
  if (record.name === "ResolverError") {
    const source = typeof record.source === "string" ? displayPath(record.source) : undefined;
    return new CodegenError(`cannot read a referenced file${source === undefined ? "" : `: ${source}`}`, {
      location: typeof record.source === "string" ? refLocation(record.source) : { file },
      hint: "check the relative path of the $ref and that the file exists",
      cause: error,
    });
  }
  if (/circular/i.test(message) || error instanceof RangeError) {
    return new CodegenError(`the document cannot be resolved: ${message}`, {
      location: { file },
      hint: "break the reference cycle with a named schema ($ref to #/components/schemas/...)",
      cause: error,
    });
  }
  return new CodegenError(`the document is not valid OpenAPI: ${firstLine(message)}`, {
    location: { file },
    hint: "correct the document; run with --debug for the parser's full report",
    cause: error,
  });
}

function pickAjvError(errors: AjvError[]): AjvError | undefined {
  const specific = errors.filter((error) => !SUMMARY_KEYWORDS.has(error.keyword));
  const pool = specific.length > 0 ? specific : errors;
  let best: AjvError | undefined;
  for (const error of pool) {
    if (best === undefined || depth(error.instancePath) > depth(best.instancePath)) best = error;
  }
  return best;
}

function depth(instancePath: string): number {
  return instancePath === "" ? 0 : instancePath.split("/").length;
}

function describeAjvError(error: AjvError): string {
  const text = error.message ?? `fails ${error.keyword}`;
  const params = error.params ?? {};
  if (typeof params.additionalProperty === "string") {
    return `${text}: ${JSON.stringify(params.additionalProperty)}`;
  }
  if (Array.isArray(params.allowedValues)) {
    return `${text}: ${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  return text;
}

function relativeRef(target: string, rootPath: string): string {
  const hash = target.indexOf("#");
  if (hash === -1) return displayPath(target);
  const filePart = target.slice(0, hash);
  const fragment = target.slice(hash);
  return filePart === "" || filePart === rootPath ? fragment : `${displayPath(filePart)}${fragment}`;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

/** Whether `ref`, written in the root file, resolves to `target` (an absolute path, with or without a fragment). */
function sameTarget(ref: string, rootPath: string, target: string): boolean {
  if (ref === target) return true;
  const hash = ref.indexOf("#");
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash);
  const absolute = filePart === "" ? rootPath : resolve(dirname(rootPath), filePart);
  return target === absolute + fragment || target === absolute;
}
