import type { Node as TsNode } from "typescript";
import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
import { CodegenError } from "../errors.js";
import { prepareDiscriminatorScan } from "./discriminator-scan.js";
import { inlineDeepRefs } from "./inline-deep-refs.js";
import type { GeneratedFile } from "./generated-file.js";
import type { ApiModel } from "../ir/model.js";
import { percentDecodes, pointer } from "../pointer.js";
import { openapiTypescript, typescript } from "../internals.js";

/**
 * `types.ts`: every schema, path and operation as TypeScript types, by openapi-typescript's
 * transform with its default options (laid out by the format stage's printer).
 */
export function emitTypes(model: Pick<ApiModel, "typesSource"> & Partial<Pick<ApiModel, "readWrite">>): GeneratedFile {
  return { path: "types.ts", declarations: typeStatements(model.typesSource, model.readWrite ?? false) };
}

/** openapi-typescript's declarations for the document (the AST that `types.ts` prints). */
export function typeStatements(document: Record<string, unknown>, readWrite = false): TsNode[] {
  try {
    let inlined = inlineDeepRefs(document) as unknown as OpenAPI3;
    // The transform patches discriminator enums into the schemas it is given, which share their
    // objects with the loaded document: those schemas get copies of their own (see discriminator-scan.ts).
    const scan = prepareDiscriminatorScan(inlined as unknown as Record<string, unknown>, resolveForScan);
    if (scan !== undefined) inlined = scan.document as unknown as OpenAPI3;
    // openapiTS() bundles first, which gives every document a components object.
    const withComponents = (document: OpenAPI3): OpenAPI3 => ({ ...document, components: document.components ?? {} });
    const schema = withComponents(inlined);
    const scanned = scan === undefined ? undefined : withComponents(scan.scanned as unknown as OpenAPI3);
    const statements = openapiTypescript().transformSchema(schema, { ...defaultContext(schema, scanned), readWriteMarkers: readWrite });
    // With markers on, openapi-typescript also declares its own `Readable`/`Writable` helpers; the
    // output uses the runtime's `AsReceived`/`AsSent` (which leave bytes alone) instead.
    return readWrite ? statements.filter((node) => !isHelperAlias(node)) : statements;
  } catch (error) {
    // openapi-typescript percent-decodes the names in its own references: a name with a `%` that
    // does not decode (no escape after it, or bytes that are not UTF-8) breaks it (a known
    // limitation), although the document is valid.
    const named = error instanceof URIError ? keyWithPercent(document) : undefined;
    if (named !== undefined) {
      throw new CodegenError(`openapi-typescript cannot generate types for a name containing "%": ${JSON.stringify(named.key)}`, {
        location: { pointer: named.pointer },
        hint: "rename it without the % sign (or write the % as %25 where the name is a URL)",
        cause: error,
      });
    }
    throw new CodegenError(`cannot generate types: ${(error as Error).message}`, {
      hint: "fix the schema at that location; run with --debug for details",
      cause: error,
    });
  }
}

function isHelperAlias(node: TsNode): boolean {
  return typescript.isTypeAliasDeclaration(node) && (node.name.text === "Readable" || node.name.text === "Writable");
}

/** The first object key that does not percent-decode (`100%`, `%A0`), and where it is. */
function keyWithPercent(document: unknown): { key: string; pointer: string } | undefined {
  const stack: Array<[unknown, string[]]> = [[document, []]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, path] = next;
    if (typeof node !== "object" || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (!percentDecodes(key)) return { key, pointer: pointer(...path, key) };
      stack.push([value, [...path, key]]);
    }
  }
  return undefined;
}

/**
 * The context `openapiTS()` builds from default options. The document was validated and bundled
 * when it was loaded, so the transform runs on it directly instead of through openapiTS(), which
 * would lint and bundle it a second time with Redocly (`redoc` is read only by that step).
 */
function defaultContext(schema: OpenAPI3, scanned: OpenAPI3 | undefined): GlobalContext {
  const { resolveRef, scanDiscriminators } = openapiTypescript();
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    // A field with a default may be left out of a request (the server applies the default), so
    // it is optional in the types.
    defaultNonNullable: false,
    // Most documents have no discriminator to find; the others are scanned cut to what the scan reads.
    discriminators: scanned === undefined ? { objects: {}, refsHandled: [] } : scanDiscriminators(scanned, { silent: true }),
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
    // Bytes (`format: binary`, a file in a multipart body or a download) are a Blob on both
    // sides: the client sends and receives them as one, the server hands files to handlers so.
    transform: (schemaObject) =>
      schemaObject.format === "binary" && schemaObject.type === "string" ? typescript.factory.createTypeReferenceNode("Blob") : undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve<T>($ref: string): T | undefined {
      return resolveRef<T>(schema, $ref, { silent: true });
    },
  };
}

/** A `$ref` as openapi-typescript's discriminator scan resolves it. */
function resolveForScan(document: object, ref: string): unknown {
  return openapiTypescript().resolveRef(document as OpenAPI3, ref, { silent: true });
}
