import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import { CodegenError } from "../errors.js";
import { displayPath } from "../display-path.js";
import { isWithin, resolveApi, resolveRuntime, type ApiConfig, type MockSettings } from "./resolve-config.js";

/** The name `codegen` looks for in the working directory when no spec is given. */
export const CONFIG_FILE = "codegen.config.json";

const require = createRequire(import.meta.url);

interface ConfigEntry {
  spec: string;
  output: string;
  targets?: string[];
  server?: string;
  importExtension?: string;
  scaffold?: string;
  allowRemote?: boolean;
  docs?: boolean;
  mock?: MockSettings;
}

/** The config file to use: `--config <file>`, else `codegen.config.json` in the working directory. */
export function findConfigFile(option: string | undefined, cwd = process.cwd()): string {
  const path = resolve(cwd, option ?? CONFIG_FILE);
  if (!existsSync(path)) {
    throw new CodegenError(option === undefined ? "no spec given and no codegen.config.json here" : "the config file does not exist", {
      location: { file: displayPath(path) },
      hint: option === undefined ? "pass a spec (codegen openapi.yaml -o src/api) or write a codegen.config.json" : "check the path given to --config",
    });
  }
  return path;
}

/** Reads and checks a config file (against the JSON Schema shipped in the package); paths resolve from its folder. */
export function readConfigFile(path: string): { apis: ApiConfig[]; runtimeDir: string | undefined } {
  const file = displayPath(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CodegenError(`the config file is not valid JSON: ${(error as Error).message}`, {
      location: { file },
      hint: 'write it as JSON, e.g. { "apis": [{ "spec": "openapi.yaml", "output": "src/api" }] }',
    });
  }
  const validate = configValidator();
  if (!validate(raw)) {
    const [first] = validate.errors ?? [];
    const pointer = `#${first?.instancePath ?? ""}`;
    const extra = first?.keyword === "additionalProperties" ? ` (${String(first.params.additionalProperty)})` : "";
    throw new CodegenError(`the config file is not valid: ${first?.message ?? "unknown problem"}${extra}`, {
      location: { file, pointer },
      hint: "see codegen.config.schema.json in the codegen package (set \"$schema\" to it for editor completion)",
    });
  }
  const config = raw as { runtime?: string; apis: ConfigEntry[] };
  const base = dirname(path);
  const apis = config.apis.map((entry, index) =>
    resolveApi(
      entry.spec,
      {
        out: entry.output,
        target: entry.targets,
        server: entry.server,
        importExtension: entry.importExtension,
        scaffold: entry.scaffold,
        allowRemote: entry.allowRemote,
        docs: entry.docs,
        ...(entry.mock === undefined ? {} : { mock: entry.mock }),
      },
      base,
      { file, pointer: `#/apis/${index}` },
    ),
  );
  apis.forEach((api, index) => {
    const other = apis.findIndex((earlier, at) => at < index && (isWithin(earlier.outDir, api.outDir) || isWithin(api.outDir, earlier.outDir)));
    if (other !== -1) {
      throw new CodegenError(`the output folders of apis ${other} and ${index} overlap`, {
        location: { file, pointer: `#/apis/${index}/output` },
        hint: "give every API a folder of its own, e.g. src/api/stripe and src/api/github",
      });
    }
  });
  if (config.runtime !== undefined && new Set(apis.map((api) => api.extension)).size > 1) {
    throw new CodegenError("APIs sharing one runtime must use the same importExtension", {
      location: { file, pointer: "#/runtime" },
      hint: 'set the same "importExtension" on every entry, or give each output its own runtime',
    });
  }
  return { apis, runtimeDir: resolveRuntime(config.runtime, base, apis, { file, pointer: "#/runtime" }) };
}

function configValidator() {
  const Ajv = require("ajv") as typeof import("ajv").default;
  const schema = JSON.parse(readFileSync(new URL("../../codegen.config.schema.json", import.meta.url), "utf8")) as object;
  return new Ajv({ allErrors: false }).compile(schema);
}
