import type { ApiModel, CachePolicy, Operation, Pagination, Policies } from "../ir/model.js";
import type { DataPart, GeneratedFile } from "./generated-file.js";
import { docComment } from "./literal.js";
import { setOwn } from "../own.js";
import { SourceFile, runtimeFile, type ImportLayout } from "./source-file.js";

/** `operations.ts`: the contract of each operation as data, for the server and client to share. */
export function emitOperations(model: ApiModel, layout: ImportLayout): GeneratedFile {
  const operations = model.operations.map((operation) => ({
    id: operation.id,
    doc: operationDoc(operation),
    meta: operationMeta(operation),
  }));
  const schemesPrefix = "export const securitySchemes = ";
  const schemesSuffix = " as const satisfies Record<string, SecuritySchemeContract>;";
  const file = new SourceFile("operations.ts", layout).import(runtimeFile("contract.ts"), ["OperationContract", "SecuritySchemeContract"], {
    typeOnly: true,
  });
  const contractSuffix = " as const satisfies OperationContract;";
  return file.withData([
    // One constant per operation, so a bundler keeps only the contracts of the operations called.
    ...operations.flatMap((operation): DataPart[] => {
      const prefix = `export const ${operation.id} = `;
      return [
        operation.doc,
        prefix,
        { kind: "value", value: operation.meta, at: { indentation: "", column: prefix.length, trailing: contractSuffix.length } },
        `${contractSuffix}\n\n`,
      ];
    }),
    "/** What the contract says of each operation, keyed by the operation's generated name. */\n",
    // Expanded, one per line, as prettier keeps an object whose first entry starts a line.
    operations.length === 0
      ? "export const operations = {} as const;\n\n"
      : `export const operations = {\n${operations.map((operation) => `  ${operation.id},\n`).join("")}} as const;\n\n`,
    "export type OperationId = keyof typeof operations;\n\n",
    "/** The path every operation path is mounted under (from the first server URL). */\n",
    {
      kind: "string-assignment",
      head: "export const basePath =",
      text: model.basePath,
      tail: ";",
    },
    "\n\n/** The contract's security schemes, by name. */\n",
    schemesPrefix,
    {
      kind: "value",
      value: securitySchemesMeta(model),
      at: {
        indentation: "",
        column: schemesPrefix.length,
        trailing: schemesSuffix.length,
      },
    },
    `${schemesSuffix}\n`,
  ]);
}

export function operationDoc(operation: Operation): string {
  const tags: string[] = [];
  if (operation.deprecated) {
    tags.push(operation.sunset === undefined ? "@deprecated" : `@deprecated Sunset on ${operation.sunset}.`);
  }
  return docComment([operation.summary, operation.description], tags);
}

/** What the runtime reads of one operation (the generated `operations.ts` holds it as a literal). */
export function operationMeta(operation: Operation): object {
  const parameters = (["path", "query", "header", "cookie"] as const).flatMap((location) =>
    operation.parameters[location].map((parameter) => ({
      name: parameter.name,
      in: location,
      required: parameter.required,
      style: parameter.style,
      explode: parameter.explode,
      shape: parameter.shape,
    })),
  );
  return {
    method: operation.method.toUpperCase(),
    path: operation.path,
    ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
    tags: operation.tags,
    parameters,
    requestBody:
      operation.requestBody === undefined
        ? null
        : {
            required: operation.requestBody.required,
            contentTypes: operation.requestBody.content.map((media) => media.contentType),
          },
    responses: Object.fromEntries(operation.responses.map((response) => [response.status, response.content.map((media) => media.contentType)])),
    security: operation.security.map((requirement) =>
      requirement.map((entry) => ({
        scheme: entry.scheme,
        scopes: entry.scopes,
      })),
    ),
    deprecated: operation.deprecated,
    ...(operation.sunset === undefined ? {} : { sunset: operation.sunset }),
    ...(operation.policies.pagination === undefined
      ? {}
      : {
          pagination: {
            style: operation.policies.pagination.style,
            limitParam: operation.policies.pagination.limitParam,
            positionParam: operation.policies.pagination.positionParam,
            defaultLimit: operation.policies.pagination.defaultLimit,
            maxLimit: operation.policies.pagination.maxLimit,
            ...pageSources(operation.policies.pagination),
          },
        }),
    ...(operation.policies.idempotency === undefined
      ? {}
      : {
          idempotency: {
            required: operation.policies.idempotency.required,
            header: operation.policies.idempotency.header,
            ttlMs: operation.policies.idempotency.ttlMs,
            leaseMs: operation.policies.idempotency.leaseMs,
          },
        }),
    ...(operation.policies.cache === undefined ? {} : { cache: cacheMeta(operation.policies.cache) }),
    ...conventionsMeta(operation.policies),
    rateLimits: (operation.policies.rateLimit?.rules ?? []).map((rule) => ({
      bucket: rule.scope === "root" ? "*" : rule.scope === "path" ? operation.pathKey : operation.id,
      algorithm: rule.algorithm,
      limit: rule.limit,
      windowMs: rule.windowMs,
      ...(rule.burst === undefined ? {} : { burst: rule.burst }),
      key: rule.key.by === "header" ? `header:${rule.key.header}` : rule.key.by,
      tiers: Object.fromEntries(rule.tiers.map((tier) => [tier.plan, tier.limit])),
      failOpen: rule.failOpen,
    })),
  };
}

/** What the runtime reads of `x-sort`, `x-fields` and `x-expand`: each as declared, without where it came from. */
function conventionsMeta({ sort, fields, expand }: Policies): object {
  return {
    ...(sort === undefined ? {} : { sort: { param: sort.param, fields: sort.fields, defaults: sort.defaults.map(({ field, direction }) => ({ field, direction })), maxKeys: sort.maxKeys } }),
    ...(fields === undefined ? {} : { fields: { param: fields.param, at: fields.at, fields: fields.fields, always: fields.always, maxFields: fields.maxFields, depth: fields.depth } }),
    ...(expand === undefined ? {} : { expand: { param: expand.param, fields: expand.fields, maxExpansions: expand.maxExpansions, depth: expand.depth } }),
  };
}

/** What the runtime reads of `x-cache`: only what is set. */
function cacheMeta(cache: CachePolicy): object {
  return {
    ...(cache.cacheControl === undefined ? {} : { cacheControl: cache.cacheControl }),
    ...(cache.etag === undefined ? {} : { etag: cache.etag }),
    ...(cache.vary.length === 0 ? {} : { vary: cache.vary }),
    ...(cache.precondition === undefined ? {} : { precondition: cache.precondition }),
  };
}

/** Where the items, the next page and the end of a list are, as far as the contract says. */
function pageSources(pagination: Pagination): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const key of ["itemsPath", "nextCursorPath", "nextUrlPath", "hasMorePath", "cursorFromItem", "totalPath", "totalPagesPath"] as const) {
    const path = pagination[key];
    if (path !== undefined) sources[key] = path;
  }
  return sources;
}

/** What the runtime reads of each security scheme. */
export function securitySchemesMeta(model: ApiModel): Record<string, object> {
  const schemes: Record<string, object> = {};
  for (const scheme of model.securitySchemes) {
    const meta = {
      type: scheme.type,
      ...(scheme.in === undefined ? {} : { in: scheme.in }),
      ...(scheme.parameterName === undefined ? {} : { name: scheme.parameterName }),
      ...(scheme.scheme === undefined ? {} : { scheme: scheme.scheme }),
    };
    setOwn(schemes, scheme.name, meta);
  }
  return schemes;
}
