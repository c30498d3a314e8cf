import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildModel } from "../../src/ir/build-model.js";
import type { ApiModel, Operation } from "../../src/ir/model.js";
import { loadSpec } from "../../src/load/load.js";
import { tempDir } from "../helpers.js";

/**
 * The model of one operation written in YAML (the lines under `<method>:`), at `/things`, with
 * optional lines at the document's root and its responses (inline YAML); a document-level apiKey
 * scheme `key` and a schema `Charge` (with an `id`) are defined.
 */
export async function operationOf(operation: string, options: { root?: string; method?: string; responses?: string } = {}): Promise<Operation | undefined> {
  return (await modelOf(operation, options)).operations[0];
}

/** The whole model of such a document (for its warnings). */
export async function modelOf(operation: string, options: { root?: string; method?: string; responses?: string } = {}): Promise<ApiModel> {
  const spec = join(tempDir(), "spec.yaml");
  const body = operation
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  writeFileSync(
    spec,
    `openapi: 3.0.3\ninfo: { title: T, version: "1" }\n${options.root ?? ""}paths:\n  /things:\n    ${options.method ?? "post"}:\n${body}\n      responses: ${options.responses ?? '{ "200": { description: ok } }'}\ncomponents:\n  schemas:\n    Charge: { type: object, properties: { id: { type: string } } }\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\n`,
  );
  return buildModel(await loadSpec(spec, { allowRemote: false }));
}
