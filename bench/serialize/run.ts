/**
 * `npm run bench:serialize`: does serializing declared JSON responses with code generated from
 * their schemas pay, against the `JSON.stringify` the server uses? fast-json-stringify (Fastify's
 * serializer, the best case of such code: it compiles each schema to a function, which its
 * standalone mode could emit at generation) against `JSON.stringify`, on the same bodies, in the
 * same run: the users fixture's 201 envelope, the catalog's product, and its list of 100 products.
 * Each schema is the response schema the generated server holds (`server/schemas.ts`), with its
 * `$ref`s inlined. Results go to BENCHMARKS.md.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fastJson from "fast-json-stringify";
import { schemaDocument } from "../../src/emit/server/schemas.js";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { sorted } from "../../test/server/apps/catalog.js";
import { benchCatalog } from "../server/catalog-store.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ROUNDS = 7;

/** The response schema of an operation as the generated server holds it, `$ref`s inlined. */
async function responseSchema(fixture: string, operation: string, status: string): Promise<object> {
  const document = schemaDocument(buildModel(await loadSpec(join(ROOT, "fixtures", fixture), { allowRemote: false }))) as Record<string, unknown>;
  const operations = document["operations"] as Record<string, { responses: Record<string, Record<string, unknown>> }>;
  const schema = operations[operation]?.responses[status]?.["application/json"];
  if (schema === undefined) throw new Error(`${fixture}: no JSON ${status} for ${operation}`);
  return inline(schema, document, new Set()) as object;
}

function inline(node: unknown, document: Record<string, unknown>, seen: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, document, seen));
  if (typeof node !== "object" || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (seen.has(ref)) throw new Error(`recursive schema at ${ref}`);
    let target: unknown = document;
    for (const token of ref.slice(2).split("/")) target = (target as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
    return inline(target, document, new Set([...seen, ref]));
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, document, seen)]));
}

/** Serializations per second of `serialize(body)`: `count` calls timed, the median of ROUNDS. */
function perSecond(serialize: (body: unknown) => string, body: unknown, count: number): number {
  for (let index = 0; index < count; index++) serialize(body);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const began = performance.now();
    for (let index = 0; index < count; index++) serialize(body);
    rates.push(count / ((performance.now() - began) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number;
}

const catalog = benchCatalog();
const product = catalog.get("p-7");
const cases = [
  {
    label: "users `POST /v1/users` 201 envelope",
    schema: await responseSchema("users.yaml", "createUser", "201"),
    body: { success: true, data: { id: 1, name: "Grace Hopper", email: "grace@example.com", role: "admin", created_at: "2024-01-15T10:30:00Z" }, meta: { request_id: "0b6f2a5e-5d1c-4d3e-9b7a-2f1c3d4e5f60" } },
    count: 200_000,
  },
  { label: "catalog `GET /v1/products/{id}`, one product of 20 fields", schema: await responseSchema("catalog.yaml", "getProduct", "200"), body: product, count: 100_000 },
  {
    label: "catalog `GET /v1/products`, 100 products",
    schema: await responseSchema("catalog.yaml", "listProducts", "200"),
    body: { data: sorted([...catalog.values()], [{ field: "name", direction: "asc" }]) },
    count: 2_000,
  },
];

const rows: string[] = [];
for (const { label, schema, body, count } of cases) {
  const compiled = fastJson(schema as Parameters<typeof fastJson>[0]);
  // The same document either way (keys in the schema's order), or the comparison is void.
  if (!isDeepStrictEqual(JSON.parse(compiled(body)), JSON.parse(JSON.stringify(body)))) throw new Error(`${label}: fast-json-stringify wrote another document`);
  const native = perSecond((value) => JSON.stringify(value), body, count);
  const generated = perSecond(compiled, body, count);
  const bytes = JSON.stringify(body).length;
  console.log(`${label}: JSON.stringify ${native.toFixed(0)}/s, fast-json-stringify ${generated.toFixed(0)}/s, ${bytes} B`);
  rows.push(`| ${label} | ${bytes.toLocaleString("en-US")} B | ${Math.round(native).toLocaleString("en-US")} | ${Math.round(generated).toLocaleString("en-US")} | **${(generated / native).toFixed(2)}×** | ${((1e6 / native) - (1e6 / generated)).toFixed(2)} µs |`);
}

writeSection(
  "serialize",
  [
    "<!-- bench:serialize -->",
    "## Serializing responses: `JSON.stringify` against code generated from the schema",
    "",
    "`npm run bench:serialize` — the generated server writes a JSON body with `JSON.stringify`. fast-json-stringify",
    "(Fastify's serializer: a function compiled from the response schema, what code emitted at generation would run) on the",
    `same bodies, same run, median of ${ROUNDS} rounds; each output parsed back equals the body. Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "cpu"}).`,
    "",
    "| body | size | `JSON.stringify` /s | fast-json-stringify /s | generated ÷ `JSON.stringify` | saved per response |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
    "<!-- /bench:serialize -->",
  ].join("\n"),
);
