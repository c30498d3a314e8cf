/**
 * The contract as the runtime's pipeline reads it, built in memory from the model: the same values
 * the generator writes into `operations.ts`, `server/schemas.ts` and `server/router.ts`.
 */
import { operationMeta, securitySchemesMeta } from "../emit/operations.js";
import { errorFormat } from "../emit/server/router.js";
import { schemaDocument } from "../emit/server/schemas.js";
import type { ApiModel, Operation } from "../ir/model.js";
import { setOwn } from "../own.js";
import type { PageContract } from "./pages.js";
import type { Runtime, ServerContract } from "./runtime.js";

export interface MockContract {
  contract: ServerContract;
  /** The operations served: all but those whose route an earlier operation already has. */
  operations: Operation[];
  /** Each served operation's pagination, as the runtime reads it. */
  pagination: Map<string, PageContract | undefined>;
}

export function mockContract(model: ApiModel, runtime: Runtime): MockContract {
  const shadowed = new Set(model.sharedRoutes.map((shared) => shared.pointer));
  const operations = model.operations.filter((operation) => !shadowed.has(operation.pointer));
  const metas: Record<string, object> = {};
  const pagination = new Map<string, PageContract | undefined>();
  for (const operation of operations) {
    const meta = operationMeta(operation) as { pagination?: PageContract };
    setOwn(metas, operation.id, meta);
    pagination.set(operation.id, meta.pagination);
  }
  const contract: ServerContract = {
    operations: metas,
    securitySchemes: securitySchemesMeta(model),
    schemas: { openapi: model.openapi, document: schemaDocument(model) },
    basePath: model.basePath,
    errorFormat: errorFormat(model),
    boundedPatterns: runtime.vmPatternTest,
    sha256: runtime.nodeSha256,
    docs: runtime.docsRoutes(model.typesSource, `${model.title} ${model.version}`),
  };
  return { contract, operations, pagination };
}
