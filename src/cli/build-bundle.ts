import { build } from "esbuild";
import { fileURLToPath } from "node:url";

/**
 * Build step (`npm run build`): the CLI as one ES module, `dist/cli/bundle.js`, which
 * `bin/codegen.js` runs. Loading the compiled files one by one (about 120 modules with their
 * packages) costs Node's module loader about 50 ms of every run, which one file does not pay
 * (measured by `npm run bench:codegen`). The bundle sits beside `main.js`, so the paths the
 * modules work out from their own location (`../../package.json`, `../runtime/`) still hold.
 *
 * Left out, and loaded from `node_modules` when a run needs them: TypeScript (loaded through
 * its code cache, see `src/code-cache.ts`), openapi-typescript's files (required by path,
 * see `src/internals.ts`), and prettier and swagger-parser, which most runs never load.
 */
const EXTERNAL = ["typescript", "openapi-typescript", "prettier", "@apidevtools/swagger-parser"];

await build({
  entryPoints: [fileURLToPath(new URL("./main.js", import.meta.url))],
  outfile: fileURLToPath(new URL("./bundle.js", import.meta.url)),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: EXTERNAL,
  // The CommonJS packages inside call `require`, which an ES module has to be given.
  banner: { js: 'import { createRequire as __codegenRequire } from "node:module";\nconst require = __codegenRequire(import.meta.url);' },
  logLevel: "warning",
});
