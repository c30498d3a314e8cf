import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * TypeScript and openapi-typescript, loaded through `require`. Importing a large CommonJS file as
 * an ES module makes Node scan its whole source for export names first: for TypeScript's 9 MB
 * that scan costs more than loading it (measured by `npm run bench:codegen` on the petstore).
 */
export const typescript: typeof import("typescript") = require("typescript");

type OpenapiTypescript = typeof import("openapi-typescript");

/**
 * The parts of openapi-typescript this tool uses: its transform, printer and helpers, without the
 * Redocly-based loader of its main entry (the document here is already validated and bundled, and
 * loading Redocly alone takes about 200 ms). The package exports its `dist` files (`"./*"`); the
 * dependency is pinned to one minor version so these paths stay where they are.
 */
export function openapiTypescript(): Pick<OpenapiTypescript, "transformSchema" | "astToString" | "resolveRef" | "scanDiscriminators"> {
  const utils = require("openapi-typescript/dist/lib/utils.cjs") as Pick<OpenapiTypescript, "resolveRef" | "scanDiscriminators">;
  return {
    transformSchema: require("openapi-typescript/dist/transform/index.cjs") as OpenapiTypescript["transformSchema"],
    astToString: (require("openapi-typescript/dist/lib/ts.cjs") as Pick<OpenapiTypescript, "astToString">).astToString,
    resolveRef: utils.resolveRef,
    scanDiscriminators: utils.scanDiscriminators,
  };
}
