import { createRequire } from "node:module";
import type { SourceFile } from "typescript";
import { requireWithCodeCache } from "./code-cache.js";

/**
 * Every place this tool relies on another package's internals, named here with the reason, so an
 * upgrade is checked in one file (test/internals.test.ts fails loudly when one changes). The
 * packages are pinned to exact versions in package.json for the same reason:
 *
 * - openapi-typescript: its `dist` files, to run the transform without the Redocly loader;
 * - TypeScript: `parseDiagnostics` of a source file, to know a file parsed cleanly without a program;
 * - js-yaml: the loader state's `anchorMap`, to see whether a document anchors collections;
 * - prettier: its layout, which our printer reproduces byte for byte.
 */

const require = createRequire(import.meta.url);

/**
 * TypeScript and openapi-typescript, loaded through `require`. Importing a large CommonJS file as
 * an ES module makes Node scan its whole source for export names first: for TypeScript's 9 MB
 * that scan costs more than loading it (measured by `npm run bench:codegen` on the petstore).
 * TypeScript's compiled code is kept between runs (see `requireWithCodeCache`).
 */
export const typescript = requireWithCodeCache(import.meta.url, "typescript") as typeof import("typescript");

type OpenapiTypescript = typeof import("openapi-typescript");

/**
 * The parts of openapi-typescript this tool uses: its transform, printer and helpers, without the
 * Redocly-based loader of its main entry (the document here is already validated and bundled, and
 * loading Redocly alone takes about 200 ms). The package exports its `dist` files (`"./*"`); the
 * dependency is pinned to an exact version so these paths stay where they are.
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

/** Whether TypeScript found syntax errors while parsing (its internal `parseDiagnostics`). */
export function hasParseErrors(file: SourceFile): boolean {
  return ((file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** The anchors js-yaml has seen so far, from the state its `listener` is given (`anchorMap`). */
export function yamlAnchors(state: unknown): Record<string, unknown> | undefined {
  return (state as { anchorMap?: Record<string, unknown> }).anchorMap;
}
