import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { format } from "prettier";
import { expect, it } from "vitest";
import { emitAll } from "../../src/emit/emit.js";
import { formatFile, PRETTIER_OPTIONS } from "../../src/format/format.js";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { tempDir } from "../helpers.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/** Spec text of the kinds that reach literals and comments: quotes, `*​/`, `</`, non-ASCII, wide characters, long runs. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('say "hi"', "it's", "*/ end", "</script>", "café", "日本語のテキスト", "a".repeat(90), "line one\nline two\n\n* bullet", "@deprecated not a tag"),
);
const name = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/), fc.constantFrom("api-key", "__proto__", "X-Request-ID", "Idempotency-Key", "ünïcode", "a b"));
const segment = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,30}$/), fc.constantFrom("ünïcode", "a'b", "x".repeat(70)));
const operationId = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,70}$/), fc.constant(undefined));
const mediaTypes = fc.uniqueArray(fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain"), { minLength: 1, maxLength: 3 });
const statuses = fc.uniqueArray(fc.constantFrom("200", "201", "204", "2XX", "404", "4XX", "default"), { minLength: 1, maxLength: 4 });

/** One operation: parameters in every location, a body of one or several media types, responses with and without required headers. */
const operation = fc.record({
  operationId,
  summary: text,
  description: fc.option(text, { nil: undefined }),
  deprecated: fc.boolean(),
  query: fc.uniqueArray(fc.record({ name, required: fc.boolean() }), { maxLength: 3, selector: (parameter) => parameter.name.toLowerCase() }),
  headers: fc.uniqueArray(fc.record({ name, required: fc.boolean() }), { maxLength: 2, selector: (parameter) => parameter.name.toLowerCase() }),
  body: fc.option(fc.record({ media: mediaTypes, required: fc.boolean() }), { nil: undefined }),
  statuses,
  headerRequired: fc.boolean(),
  secured: fc.boolean(),
});

const contract = fc.record({
  paths: fc.uniqueArray(fc.record({ segments: fc.array(segment, { minLength: 1, maxLength: 3 }), variable: fc.boolean(), operation }), {
    minLength: 1,
    maxLength: 4,
    selector: (path) => path.segments.join("/") + String(path.variable),
  }),
  scheme: name,
  schemeDescription: fc.option(text, { nil: undefined }),
  readWrite: fc.boolean(),
});

type Contract = typeof contract extends fc.Arbitrary<infer T> ? T : never;

/** The contract as an OpenAPI 3.0 document. */
function documentOf(drawn: Contract): object {
  const paths: Record<string, object> = {};
  drawn.paths.forEach(({ segments, variable, operation: op }, index) => {
    const path = `/${segments.join("/")}${variable ? "/{id}" : ""}/p${index}`;
    const parameters = [
      ...(variable ? [{ name: "id", in: "path", required: true, schema: { type: "string" } }] : []),
      ...op.query.map((parameter) => ({ name: parameter.name, in: "query", required: parameter.required, schema: { type: "string" } })),
      ...op.headers.map((parameter) => ({ name: parameter.name, in: "header", required: parameter.required, schema: { type: "string" } })),
    ];
    const responses = Object.fromEntries(
      op.statuses.map((status) => [
        status,
        {
          description: "d",
          ...(status === "204" ? {} : { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } }),
          ...(op.headerRequired ? { headers: { "X-Rate": { required: true, schema: { type: "integer" } } } } : {}),
        },
      ]),
    );
    paths[path] = {
      [index % 2 === 0 ? "post" : "get"]: {
        ...(op.operationId === undefined ? {} : { operationId: `${op.operationId}${index}` }),
        summary: op.summary,
        ...(op.description === undefined ? {} : { description: op.description }),
        deprecated: op.deprecated,
        parameters,
        ...(op.body === undefined
          ? {}
          : { requestBody: { required: op.body.required, content: Object.fromEntries(op.body.media.map((media) => [media, { schema: { $ref: "#/components/schemas/Thing" } }])) } }),
        responses,
        security: op.secured ? [{ [drawn.scheme]: [] }] : [],
      },
    };
  });
  const thing = { type: "object", properties: { id: { type: "string", readOnly: drawn.readWrite }, secret: { type: "string", writeOnly: drawn.readWrite } } };
  return {
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths,
    components: {
      schemas: { Thing: thing },
      securitySchemes: { [drawn.scheme]: { type: "apiKey", in: "header", name: "X-Key", ...(drawn.schemeDescription === undefined ? {} : { description: drawn.schemeDescription }) } },
    },
  };
}

/** The files built as TypeScript nodes are laid out as prettier lays them out, whatever the contract's names and text. */
it("prints the client, the handler types and the models exactly as prettier does, for any contract (fixed seed)", async () => {
  const dir = tempDir();
  await fc.assert(
    fc.asyncProperty(contract, async (drawn) => {
      const spec = join(dir, "spec.json");
      writeFileSync(spec, JSON.stringify(documentOf(drawn)));
      const model = buildModel(await loadSpec(spec, { allowRemote: false }));
      const layout = { runtime: "runtime", extension: ".js" } as const;
      const files = await emitAll(model, { targets: new Set(["client", "server"]), server: "express", docs: false, layout }, formatFile);
      for (const file of files.filter(({ path }) => ["client/index.ts", "server/handlers.ts", "models.ts"].includes(path))) {
        expect(file.content, file.path).toBe(await format(file.content, PRETTIER_OPTIONS));
      }
    }),
    { numRuns: Math.ceil((FUZZ_RUNS * 3) / 20), seed: FUZZ_SEED },
  );
}, FUZZ_RUNS * 300);
