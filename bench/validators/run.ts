/**
 * `npm run bench:validators`: the server's validators (closures built from the contract's schemas,
 * no code compiled at run time) against the two ways ajv offers, on the same schemas in the same run:
 * ajv compiling at run time (what the server did before) and ajv's standalone code emitted at
 * generation. Figures: the validation code and data an output carries, per real spec; the time to
 * build one operation's validators (what its first request pays) and all of Stripe's; validations
 * per second on the same requests. Results go to BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { schemaDocument } from "../../src/emit/server/schemas.js";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { vmPatternTest } from "../../templates/runtime/server/node-patterns.js";
import { ContractValidators, type ContractSchemas } from "../../templates/runtime/server/validation.js";
import { ajvValidator } from "../../test/runtime/validation/ajv-reference.js";
import { writeSection } from "../benchmarks-file.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SPECS = join(ROOT, "../shared/specs");
const OUT = join(ROOT, ".tmp/bench-validators");
const RUNTIME_FILES = ["validation.ts", "schema-text.ts", "schema-check.ts", "schema-keywords.ts", "schema-types.ts", "schema-applicators.ts", "same-json.ts", "patterns.ts"];

async function contract(file: string): Promise<ContractSchemas> {
  const model = buildModel(await loadSpec(file, { allowRemote: false }));
  return { openapi: model.openapi, document: schemaDocument(model) };
}

/** Milliseconds one call of `work` takes, the median of `rounds`. */
function timed(work: () => void, rounds = 5): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const began = performance.now();
    work();
    times.push(performance.now() - began);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
}

/** Every validator path of a contract: parameters per location, bodies and responses per media type. */
function validatorPaths(schemas: ContractSchemas): Array<{ direction: "parameters" | "request" | "form" | "response"; path: string[] }> {
  const operations = (schemas.document as { operations: Record<string, Record<string, unknown>> }).operations;
  return Object.entries(operations).flatMap(([id, operation]) => [
    ...["path", "query", "header", "cookie"].filter((location) => operation[location] !== undefined).map((location) => ({ direction: "parameters" as const, path: ["operations", id, location] })),
    ...Object.keys((operation["body"] ?? {}) as object).map((type) => ({ direction: /form/.test(type) ? ("form" as const) : ("request" as const), path: ["operations", id, "body", type] })),
    ...Object.entries((operation["responses"] ?? {}) as Record<string, object>).flatMap(([status, media]) => Object.keys(media).map((type) => ({ direction: "response" as const, path: ["operations", id, "responses", status, type] }))),
  ]);
}

function closureOf(validators: ContractValidators, direction: string, path: string[]) {
  const [, id = "", kind = "", a = "", b = ""] = path;
  if (direction === "parameters") return validators.parameters(id, kind);
  if (kind === "body") return validators.body(id, a);
  return validators.response(id, a, b);
}

// 1. What each output carries to validate: server/schemas.ts (the schemas, as data) and the runtime's validator modules.
mkdirSync(OUT, { recursive: true });
const runtimeBytes = RUNTIME_FILES.reduce((sum, name) => sum + statSync(join(ROOT, "templates/runtime/server", name)).size, 0);
const specs = ["stripe-spec3-2023-09.yaml", "digitalocean-bundled.yaml", "pagerduty-rest.json", "discord-openapi.json", "slack-web-swagger2.json"];
const sizes: string[] = [];
for (const spec of specs) {
  const folder = join(OUT, spec);
  const run = spawnSync(process.execPath, [join(ROOT, "bin/codegen.js"), join(SPECS, spec), "-o", folder, "--target", "server", "--quiet"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`codegen ${spec}: ${run.stderr}`);
  const schemas = await contract(join(SPECS, spec));
  sizes.push(`| ${spec} | ${validatorPaths(schemas).length} | ${(statSync(join(folder, "server/schemas.ts")).size / 1024).toFixed(0)} KiB | ${(runtimeBytes / 1024).toFixed(0)} KiB |`);
  console.log(sizes.at(-1));
}

// 2. ajv's standalone code for Stripe's validators, every direction (the alternative measured).
const stripe = await contract(join(SPECS, "stripe-spec3-2023-09.yaml"));
const stripePaths = validatorPaths(stripe);
let standaloneBytes = 0;
const standaloneMs = timed(() => {
  standaloneBytes = 0;
  for (const direction of ["parameters", "request", "form", "response"] as const) {
    const ajv = new Ajv({ strict: false, allErrors: true, ownProperties: true, validateSchema: false, logger: false, code: { source: true, esm: true }, ...(direction === "parameters" || direction === "form" ? { coerceTypes: "array" as const } : {}), useDefaults: direction !== "response" });
    ajv.addKeyword({ keyword: "x-required-in-request", macro: () => true });
    ajv.addKeyword({ keyword: "x-required-in-response", macro: () => true });
    ajv.addFormat("int32", true).addFormat("int64", true).addFormat("float", true).addFormat("double", true).addFormat("byte", true).addFormat("binary", true).addFormat("password", true);
    for (const format of ["date", "date-time", "email", "uri", "uuid", "time", "hostname", "ipv4", "ipv6", "unix-time", "decimal"]) ajv.addFormat(format, true);
    ajv.addSchema(stripe.document, "contract");
    const refs: Record<string, string> = {};
    stripePaths.filter((entry) => entry.direction === direction).forEach((entry, index) => {
      refs[`v${index}`] = `contract#${entry.path.map((segment) => `/${encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"))}`).join("")}`;
    });
    standaloneBytes += (standaloneCode as unknown as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default(ajv, refs).length;
  }
}, 1);
console.log(`ajv standalone, Stripe: ${(standaloneBytes / 2 ** 20).toFixed(1)} MiB in ${standaloneMs.toFixed(0)} ms`);

// 3. Building: one operation's validators (a first request), and all of Stripe's.
const firstOperation = "postCustomers";
const firstPaths = stripePaths.filter((entry) => entry.path[1]?.toLowerCase() === firstOperation.toLowerCase());
const closuresFirst = timed(() => {
  const validators = new ContractValidators(stripe, vmPatternTest);
  for (const entry of firstPaths) closureOf(validators, entry.direction, entry.path);
});
const ajvFirst = timed(() => {
  for (const entry of firstPaths) ajvValidator(stripe.openapi, structuredClone(stripe.document), entry.direction, entry.path);
}, 3);
const closuresAll = timed(() => {
  const validators = new ContractValidators(stripe, vmPatternTest);
  for (const entry of stripePaths) closureOf(validators, entry.direction, entry.path);
}, 3);
const ajvAll = timed(() => {
  const document = structuredClone(stripe.document);
  for (const entry of stripePaths) ajvValidator(stripe.openapi, document, entry.direction, entry.path);
}, 1);
console.log(`build: first operation closures ${closuresFirst.toFixed(1)} ms, ajv ${ajvFirst.toFixed(1)} ms; all closures ${closuresAll.toFixed(0)} ms, ajv ${ajvAll.toFixed(0)} ms`);

// 4. Validations per second on the same requests (each parsed from its bytes per call, as the server does).
const users = await contract(join(ROOT, "fixtures/users.yaml"));
const shapes = [
  { label: "users `POST /v1/users` body, valid", schemas: users, direction: "request" as const, path: ["operations", "createUser", "body", "application/json"], text: JSON.stringify({ name: "Grace Hopper", email: "grace@example.com", role: "admin" }) },
  { label: "users `POST /v1/users` body, 3 errors", schemas: users, direction: "request" as const, path: ["operations", "createUser", "body", "application/json"], text: JSON.stringify({ name: "", email: "not an email", role: "owner" }) },
  { label: "users `GET /v1/users` query (coerced)", schemas: users, direction: "parameters" as const, path: ["operations", "listUsers", "query"], text: JSON.stringify({ page: "2", per_page: "50", role: "admin" }) },
  { label: "Stripe `POST /v1/customers` form body (coerced)", schemas: stripe, direction: "form" as const, path: ["operations", "postCustomers", "body", "application/x-www-form-urlencoded"], text: JSON.stringify({ email: "a@example.com", name: "Ada", balance: "100", metadata: { plan: "pro" }, expand: ["default_source"] }) },
  { label: "Stripe customer response (`GET /v1/customers/{customer}`)", schemas: stripe, direction: "response" as const, path: ["operations", "getCustomersCustomer", "responses", "200", "application/json"], text: JSON.stringify({ id: "cus_1", object: "customer", created: 1, livemode: false, email: "a@example.com", balance: 0, delinquent: false, metadata: {}, description: null, name: "Ada", phone: null, shipping: null, address: null, default_source: null, currency: "usd", invoice_prefix: "ABC", discount: null, preferred_locales: [], tax_exempt: "none", invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null } }) },
];
const ITERATIONS = Number(process.env["VALIDATOR_ITERATIONS"] ?? 20_000);
const ROUNDS = 15;
const speed: string[] = [];
for (const shape of shapes) {
  const ours = closureOf(new ContractValidators(shape.schemas, vmPatternTest), shape.direction, shape.path);
  const theirs = ajvValidator(shape.schemas.openapi, shape.schemas.document, shape.direction, shape.path);
  if (ours === undefined) throw new Error(`no validator at ${shape.path.join(" ")}`);
  if (ours(JSON.parse(shape.text)) !== theirs(JSON.parse(shape.text))) throw new Error(`verdicts differ on ${shape.label}`);
  const run = (validate: (data: unknown) => boolean) => () => {
    for (let index = 0; index < ITERATIONS; index++) validate(JSON.parse(shape.text));
  };
  for (let warm = 0; warm < 3; warm++) {
    run(ours)();
    run(theirs)();
  }
  // Rounds alternate between the two, so the machine's drift falls on both; the ratio is the median of the rounds'.
  const oursTimes: number[] = [];
  const theirsTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const oursMs = timed(run(ours), 1);
    const theirsMs = timed(run(theirs), 1);
    oursTimes.push(oursMs);
    theirsTimes.push(theirsMs);
    ratios.push(theirsMs / oursMs);
  }
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const perSecond = (ms: number) => ((ITERATIONS / ms) * 1000).toFixed(0);
  speed.push(`| ${shape.label} | ${Number(perSecond(middle(oursTimes))).toLocaleString("en")} | ${Number(perSecond(middle(theirsTimes))).toLocaleString("en")} | ${middle(ratios).toFixed(2)}× |`);
  console.log(speed.at(-1));
}

const section = [
  "<!-- bench:validators -->",
  "## Validators: closures built from the schemas, against ajv",
  "",
  "`npm run bench:validators` — the server's validators are closures built from `server/schemas.ts` (no code",
  "compiled at run time: Workers and `unsafe-eval`-free CSPs run them). The two alternatives, measured in the same run:",
  `ajv compiling each validator at run time (what the server did before: \`new Function\`), and ajv's standalone code emitted`,
  `at generation. Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "cpu"}).`,
  "",
  "What an output carries to validate (the schemas as data: each operation's and each referenced schema as JSON text, parsed when first needed; plus the runtime's validator modules, shared by every operation):",
  "",
  "| spec | validators | `server/schemas.ts` | runtime validator modules |",
  "|---|---:|---:|---:|",
  ...sizes,
  "",
  `ajv's standalone code for the same Stripe validators: **${(standaloneBytes / 2 ** 20).toFixed(1)} MiB**, ${(standaloneMs / 1000).toFixed(1)} s to emit`,
  "(more than the whole generation takes today), which is why the output carries the schemas as data instead.",
  "",
  "| building validators (Stripe) | closures | ajv at run time |",
  "|---|---:|---:|",
  `| \`${firstOperation}\`'s ${firstPaths.length} validators (its first request) | ${closuresFirst.toFixed(1)} ms | ${ajvFirst.toFixed(1)} ms |`,
  `| all ${stripePaths.length} validators | ${closuresAll.toFixed(0)} ms | ${ajvAll.toFixed(0)} ms |`,
  "",
  `| validations per second (parsed from bytes each time; ${ROUNDS} rounds of ${ITERATIONS.toLocaleString("en")}, each alternating closures and ajv; medians) | closures | ajv compiled | closures' speed ÷ ajv's (median of the rounds') |`,
  "|---|---:|---:|---:|",
  ...speed,
  "<!-- /bench:validators -->",
].join("\n");
writeSection("validators", section);
console.log(section);
