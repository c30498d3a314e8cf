import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { diffModels, type DiffResult } from "../../src/diff/diff-models.js";
import { buildModel } from "../../src/ir/build-model.js";
import type { ApiModel } from "../../src/ir/model.js";
import { loadSpec } from "../../src/load/load.js";
import { tempDir } from "../helpers.js";

/** The day the tests judge `x-sunset` dates against. */
export const TODAY = new Date("2026-12-01T00:00:00Z");

let written = 0;

/** The model of a document given as data, loaded (and validated) as `generate` loads a file. */
export async function modelOf(document: object): Promise<ApiModel> {
  const file = join(tempDir("codegen-diff-"), `spec-${written++}.json`);
  writeFileSync(file, JSON.stringify(document));
  return buildModel(await loadSpec(file, { allowRemote: false }));
}

export async function diffOf(base: object, head: object): Promise<DiffResult> {
  return diffModels(await modelOf(base), await modelOf(head), { now: TODAY });
}

/** A document with these paths (and root keys), an apiKey scheme `key`, an OAuth scheme `oauth` and a `Thing` schema. */
export function documentWith(paths: Record<string, unknown>, root: Record<string, unknown> = {}): object {
  const components = (root.components ?? {}) as Record<string, object | undefined>;
  return {
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths,
    ...root,
    components: {
      ...components,
      securitySchemes: {
        key: { type: "apiKey", in: "header", name: "X-Key" },
        oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://example.com/token", scopes: { read: "r", write: "w" } } } },
        ...components.securitySchemes,
      },
      schemas: { Thing: { type: "object", properties: { id: { type: "string" } } }, ...components.schemas },
    },
  };
}

/** One operation at `path` (default `post /things`), with a 200 response unless it says otherwise. */
export function operationDocument(operation: Record<string, unknown>, options: { path?: string; method?: string; root?: Record<string, unknown> } = {}): object {
  return documentWith(
    { [options.path ?? "/things"]: { [options.method ?? "post"]: { responses: { "200": { description: "ok" } }, ...operation } } },
    options.root,
  );
}
