import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { CodegenError, type ErrorLocation } from "../errors.js";

/** What an output may hold: the contract's types, a client, a server. */
export type Target = "types" | "client" | "server" | "mocks";

export const TARGETS: readonly Target[] = ["types", "client", "server", "mocks"];
/** What is generated when no target is named: `mocks` (which needs msw) only when asked for. */
export const DEFAULT_TARGETS: readonly Target[] = ["types", "client", "server"];

/** The framework the generated server runs on. */
export type ServerAdapter = "express" | "fastify" | "hono" | "node";

export const SERVER_ADAPTERS: readonly ServerAdapter[] = ["express", "fastify", "hono", "node"];

/** The extension of relative import specifiers: `.js` (what `tsc` and bundlers resolve) or `.ts` (Node's type stripping runs the files as they are). */
export type ImportExtension = ".js" | ".ts";

/** One API to generate, every option normalized once; commands read only this. */
export interface ApiConfig {
  /** Where this API was configured, for errors: the config file and the entry's pointer, or nothing for the command line. */
  origin: ErrorLocation | undefined;
  /** The spec: an absolute path, `-` for standard input, or an http(s) URL. */
  spec: string;
  /** Absolute path of the output folder. */
  outDir: string;
  /** Fetch the spec, and `$ref`s, over http(s). */
  allowRemote: boolean;
  targets: ReadonlySet<Target>;
  /** The framework of the server target (Express unless chosen). */
  server: ServerAdapter;
  /** The extension of relative import specifiers in the output. */
  extension: ImportExtension;
  /** Starting handler files (`--scaffold`), when asked for: where, and how they import the server. */
  scaffold: { dir: string; serverImport: string } | undefined;
  /** `--docs`: the server can serve `GET /openapi.json` and `GET /docs/` (with its `docs: true` option). */
  docs: boolean;
  /** How `codegen mock` serves this API when run from the config file (its `mock` entry). */
  mock: MockSettings | undefined;
}

/** A config entry's `mock`: where `codegen mock` listens for this API and how it answers. */
export interface MockSettings {
  port?: number;
  host?: string;
  seed?: number;
  auth?: string;
}

/** A run of `generate`, `check` or `validate`: one API from the command line, or every API of a config file. */
export interface RunConfig {
  apis: ApiConfig[];
  /** Absolute path of the one runtime folder every API imports, when shared; else each output has its own `runtime/`. */
  runtimeDir: string | undefined;
  quiet: boolean;
  /** List every policy and undeclared status, not only the first ones. */
  verbose: boolean;
  /** The command that regenerates this run's output, for `check` to print. */
  command: string;
  /** The config file the run came from, if any (`--watch` watches it too). */
  configFile: string | undefined;
}

/** The options one API may set, as the command line and a config entry spell them. */
export interface ApiOptions {
  out?: string;
  target?: string | string[];
  server?: string;
  importExtension?: string;
  scaffold?: string;
  allowRemote?: boolean;
  allowRemoteRefs?: boolean;
  mock?: MockSettings;
  docs?: boolean;
  /** Only the spec is read (`validate`): no output folder is needed. */
  validateOnly?: boolean;
}

/**
 * One API's options resolved against `base` (the working directory, or the config file's folder).
 * `origin` names the place the options came from in errors.
 */
export function resolveApi(spec: string, options: ApiOptions, base: string, origin?: ErrorLocation): ApiConfig {
  const at = (field: string): ErrorLocation | undefined =>
    origin === undefined ? undefined : { ...origin, pointer: `${origin.pointer ?? ""}/${field}` };
  // `validate` reads only the spec: an output folder, when given, is not used.
  const outDir = options.validateOnly === true ? base : outDirOf(options.out, base, at("output"), origin === undefined);
  const extension = extensionOf(options.importExtension, at("importExtension"));
  return {
    origin,
    spec: resolveSpec(spec, base),
    outDir,
    allowRemote: options.allowRemote === true || options.allowRemoteRefs === true,
    targets: targetsOf(options.target, at("targets")),
    server: serverOf(options.server, at("server")),
    extension,
    scaffold: options.validateOnly === true ? undefined : scaffoldOf(options.scaffold, outDir, base, extension),
    mock: options.mock,
    docs: options.docs === true,
  };
}

function outDirOf(out: string | undefined, base: string, location: ErrorLocation | undefined, commandLine: boolean): string {
  if (out === undefined || out.trim() === "") {
    throw new CodegenError("missing output folder", {
      location,
      hint: commandLine ? "pass -o <dir>, e.g. -o src/api" : 'give the entry "output": "src/api"',
    });
  }
  const outDir = resolve(base, out);
  if (outDir === resolve("/") || outDir === base || outDir === process.cwd()) {
    throw new CodegenError(`refusing to use ${JSON.stringify(out)} as the output folder`, {
      location,
      hint: "generate into a folder of its own, e.g. src/api",
    });
  }
  return outDir;
}

/** `-` and URLs as given; a path made absolute. */
function resolveSpec(spec: string, base: string): string {
  return spec === "-" || isUrl(spec) ? spec : resolve(base, spec);
}

export function isUrl(spec: string): boolean {
  return /^https?:\/\//i.test(spec);
}

/** `types,client` (or a list) as a set; all three when not given. */
function targetsOf(option: string | string[] | undefined, location: ErrorLocation | undefined): ReadonlySet<Target> {
  if (option === undefined) return new Set(DEFAULT_TARGETS);
  const names = (Array.isArray(option) ? option : [option]).flatMap((value) => value.split(",")).map((name) => name.trim());
  const unknown = names.filter((name) => !(TARGETS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new CodegenError(`unknown target ${JSON.stringify(unknown[0] ?? "")}`, {
      location,
      hint: `choose any of ${TARGETS.join(", ")}, e.g. --target client`,
    });
  }
  return new Set(TARGETS.filter((target) => names.includes(target)));
}

function serverOf(option: string | undefined, location: ErrorLocation | undefined): ServerAdapter {
  if (option === undefined) return "express";
  const server = SERVER_ADAPTERS.find((name) => name === option.trim().toLowerCase());
  if (server !== undefined) return server;
  throw new CodegenError(`unknown server ${JSON.stringify(option)}`, {
    location,
    hint: `choose one of ${SERVER_ADAPTERS.join(", ")}, e.g. --server fastify`,
  });
}

function extensionOf(option: string | undefined, location: ErrorLocation | undefined): ImportExtension {
  if (option === undefined || option === "js" || option === ".js") return ".js";
  if (option === "ts" || option === ".ts") return ".ts";
  throw new CodegenError(`unknown import extension ${JSON.stringify(option)}`, {
    location,
    hint: "use js (for tsc and bundlers) or ts (for Node's type stripping)",
  });
}

function scaffoldOf(option: string | undefined, outDir: string, base: string, extension: ImportExtension): ApiConfig["scaffold"] {
  if (option === undefined) return undefined;
  const dir = resolve(base, option);
  return { dir, serverImport: serverImportPath(dir, outDir, extension) };
}

/** The import specifier of the generated server from the scaffold folder (`../api/server/index.js`). */
function serverImportPath(scaffoldDir: string, outDir: string, extension: ImportExtension): string {
  if (isWithin(outDir, scaffoldDir)) {
    throw new CodegenError("the scaffold folder is inside the output folder", {
      hint: "keep your handlers outside the generated folder, e.g. --scaffold src/handlers -o src/api",
    });
  }
  const path = relative(scaffoldDir, join(outDir, "server", `index${extension}`)).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/** Whether `path` is `dir` or inside it. */
export function isWithin(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside === "" || (!inside.startsWith("..") && !isAbsolute(inside));
}

/**
 * The shared runtime folder, checked against the outputs: it may not be inside one (that output
 * would own it) nor hold one.
 */
export function resolveRuntime(option: string | undefined, base: string, apis: ApiConfig[], location?: ErrorLocation): string | undefined {
  if (option === undefined) return undefined;
  const runtimeDir = resolve(base, option);
  for (const api of apis) {
    if (isWithin(api.outDir, runtimeDir) || isWithin(runtimeDir, api.outDir)) {
      throw new CodegenError("the shared runtime folder and an output folder overlap", {
        location,
        hint: "give the runtime a folder of its own beside the outputs, e.g. src/api/runtime with outputs src/api/stripe and src/api/github",
      });
    }
  }
  return runtimeDir;
}
