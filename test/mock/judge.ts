import { pathToFileURL } from "node:url";
import { join } from "node:path";
import type { Validators } from "../real/client-calls.js";
import { ajvValidator } from "../runtime/validation/ajv-reference.js";

/**
 * How a generated output (in `folder`) judges calls: requests by its own server validators,
 * responses by ajv over the same schemas (by ours where ajv cannot compile one, listed in `refused`).
 */
export async function judgedByAjv(folder: string, refused: string[] = []): Promise<Validators> {
  const load = (file: string) => import(pathToFileURL(join(folder, file)).href);
  const { schemas } = (await load("server/schemas.ts")) as { schemas: { openapi: "3.0" | "3.1"; document: object } };
  const { ContractValidators } = (await load("runtime/server/validation.ts")) as { ContractValidators: new (schemas: object) => Validators };
  const ours = new ContractValidators(schemas);
  return {
    parameters: (id, location) => ours.parameters(id, location),
    body: (id, mediaType) => ours.body(id, mediaType),
    response: (id, status, mediaType) => {
      try {
        return ajvValidator(schemas.openapi, schemas.document, "response", ["operations", id, "responses", status, mediaType]);
      } catch (error) {
        refused.push(`${id} ${status}: ${(error as Error).message}`);
        return ours.response(id, status, mediaType);
      }
    },
  };
}
