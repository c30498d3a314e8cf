import type { Node as TsNode } from "typescript";
import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
import { CodegenError } from "../errors.js";
import { inlineDeepRefs } from "./inline-deep-refs.js";
import type { GeneratedFile } from "./generated-file.js";
import type { ApiModel } from "../ir/model.js";
import { openapiTypescript } from "../internals.js";

/**
 * `types.ts`: every schema, path and operation as TypeScript types, by openapi-typescript's
 * transform with its default options (laid out by the format stage's printer).
 */
export function emitTypes(model: Pick<ApiModel, "typesSource">): GeneratedFile {
  return { path: "types.ts", declarations: typeStatements(model.typesSource) };
}

/** openapi-typescript's declarations for the document (the AST that `types.ts` prints). */
export function typeStatements(document: Record<string, unknown>): TsNode[] {
  try {
    let inlined = inlineDeepRefs(document) as unknown as OpenAPI3;
    // The transform patches discriminator enums into the schemas it is given, which share their
    // objects with the loaded document: such a document gets a copy of its own.
    const discriminated = hasDiscriminator(inlined);
    if (discriminated) inlined = structuredClone(inlined);
    // openapiTS() bundles first, which gives every document a components object.
    const schema: OpenAPI3 = { ...inlined, components: inlined.components ?? {} };
    return openapiTypescript().transformSchema(schema, defaultContext(schema, discriminated));
  } catch (error) {
    throw new CodegenError(`cannot generate types: ${(error as Error).message}`, {
      hint: "fix the schema at that location; run with --debug for details",
      cause: error,
    });
  }
}

/**
 * The context `openapiTS()` builds from default options. The document was validated and bundled
 * when it was loaded, so the transform runs on it directly instead of through openapiTS(), which
 * would lint and bundle it a second time with Redocly (`redoc` is read only by that step).
 */
function defaultContext(schema: OpenAPI3, discriminated: boolean): GlobalContext {
  const { resolveRef, scanDiscriminators } = openapiTypescript();
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    // Scanning walks the whole document twice; most documents have no discriminator to find.
    discriminators: discriminated ? scanDiscriminators(schema, { silent: true }) : { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: true,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve<T>($ref: string): T | undefined {
      return resolveRef<T>(schema, $ref, { silent: true });
    },
  };
}

/** Whether any object in the document has a `discriminator` (the only thing scanDiscriminators looks for). */
function hasDiscriminator(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (!Array.isArray(node) && Object.hasOwn(node, "discriminator")) return true;
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) stack.push(value);
  }
  return false;
}
