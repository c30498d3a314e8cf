import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { AJV_OPTIONS, openApiSchema, validatorFile } from "./direct-validation.js";

/**
 * Build step (`npm run build`): compiles the OpenAPI 3.0 and 3.1 schemas to standalone validator
 * modules in dist/openapi-validators/, which src/load/direct-validation.ts loads at run time.
 */
const require = createRequire(import.meta.url);
const standaloneCode = (require("ajv/dist/standalone") as { default: (ajv: object, validate: unknown) => string }).default;
const out = new URL("../../dist/openapi-validators/", import.meta.url);
mkdirSync(fileURLToPath(out), { recursive: true });
for (const version of ["3.0", "3.1"] as const) {
  const { schema, ajv: Ajv } = openApiSchema(version);
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  writeFileSync(fileURLToPath(new URL(validatorFile(version), out)), standaloneCode(ajv, ajv.compile(schema)));
}
