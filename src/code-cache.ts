import { isAscii } from "node:buffer";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { Module, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Requires a large CommonJS package with V8's code cache: the bytecode V8 compiled on an earlier
 * run is read back instead of compiling the source again (TypeScript's 9 MB take about 115 ms to
 * compile and about 30 ms from the cache). This is what Node 22's `module.enableCompileCache()`
 * does for every module; it is done here for the one module where it counts, on every Node.
 *
 * The cache sits in `node_modules/.cache/codegen/` beside the package, named by its version and
 * the Node version and architecture. V8 checks the bytes against the source and refuses what does
 * not match (the source is compiled then, and the cache written again), and a folder that cannot
 * be written only means no cache. The module is registered in `require.cache`, so every other
 * `require` of it (openapi-typescript's) gets this instance.
 */
export function requireWithCodeCache(from: string, id: string): unknown {
  return loadWithCodeCache(from, id).exports;
}

/** How the code was had: compiled from the cache, or from the source (the cache written as the process ends, or none kept). */
export type CodeCacheUse = "read" | "written" | "none";

export function loadWithCodeCache(from: string, id: string): { exports: unknown; cache: CodeCacheUse } {
  const require = createRequire(from);
  const file = require.resolve(id);
  const known = require.cache[file];
  if (known !== undefined) return { exports: known.exports, cache: "none" };
  const cacheFile = cachePath(require, id);
  const cached = cacheFile === undefined ? undefined : readOrUndefined(cacheFile);
  const script = new Script(Module.wrap(readSource(file)), { filename: file, ...(cached === undefined ? {} : { cachedData: cached }) });
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  try {
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  if (cached !== undefined && script.cachedDataRejected === false) return { exports: module.exports, cache: "read" };
  if (cacheFile === undefined) return { exports: module.exports, cache: "none" };
  // Written as the process ends, so the cache also holds the functions this run compiled as it went.
  process.once("exit", () => writeCache(cacheFile, script));
  return { exports: module.exports, cache: "written" };
}

function cachePath(require: NodeRequire, id: string): string | undefined {
  try {
    const manifest = require.resolve(`${id}/package.json`);
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown };
    const nodeModules = dirname(dirname(manifest));
    return join(nodeModules, ".cache", "codegen", `${id}-${String(version)}-node${process.version}-${process.arch}.v8-cache`);
  } catch {
    return undefined;
  }
}

/**
 * A module's source, taken as Latin-1 when every byte is ASCII: the same text without a UTF-8
 * decode (TypeScript's 9 MB take about 20 ms to decode, 2 ms this way).
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written whole under a name of its own, then renamed: a concurrent run reads the old cache or the new, never half. */
function writeCache(path: string, script: Script): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, path);
  } catch {
    // A read-only install keeps working, without the cache.
  }
}
