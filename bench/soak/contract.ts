/** The soak's contract (a read limited per client, a keyed write with a short replay TTL) and its generated server. */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OUT = `${ROOT}.tmp/bench-soak/`;

export const IDEMPOTENCY_TTL_S = 60;

const SPEC = {
  openapi: "3.0.3",
  info: { title: "Soak", version: "1" },
  paths: {
    "/items/{id}": {
      get: {
        operationId: "getItem",
        "x-rate-limit": { algorithm: "sliding-window", limit: 1000, window: "10s", key: "header:X-Client-Id" },
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
    "/orders": {
      post: {
        operationId: "createOrder",
        "x-idempotency": { required: true, ttl: `${IDEMPOTENCY_TTL_S}s`, lease: "5s" },
        "x-rate-limit": { algorithm: "token-bucket", limit: 100000, window: "1m", key: "header:X-Client-Id" },
        parameters: [{ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string" } }],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["item", "qty"], properties: { item: { type: "integer" }, qty: { type: "integer", minimum: 1 } } } } } },
        responses: { "201": { description: "created", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
};

/** Generates the contract's node:http server into .tmp/bench-soak/api; returns its server module. */
export function generateSoakServer(): string {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}soak.json`, JSON.stringify(SPEC));
  const generated = spawnSync(process.execPath, [`${ROOT}bin/codegen.js`, `${OUT}soak.json`, "-o", `${OUT}api`, "--server", "node", "--target", "server", "--quiet"], { encoding: "utf8" });
  if (generated.status !== 0) throw new Error(`codegen failed: ${generated.stderr}`);
  return `${OUT}api/server/index.ts`;
}
