import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startMock } from "../mock/start-mock.js";
import { startPrismMock, type PrismProxy } from "../server/prism.js";
import { callOne, credentials, generatedSpec, selected, type Call, type Outcome, type Validators } from "./client-calls.js";
import { SPECS_DIR, openApiSpecs } from "./specs.js";

type Json = Record<string, unknown>;

/** Prism 5 does not finish loading these (its `$ref` expansion runs for minutes). */
const PRISM_CANNOT_LOAD = new Set(["stripe-spec3-2023-09.yaml"]);

const table: string[] = [];
afterAll(() => {
  console.log(["generated client against prism mock (or, where Prism cannot load a spec, codegen mock):", ...table].join("\n"));
});

describe.each(openApiSpecs())("the generated client against a mock of %s", (name) => {
  it("calls its operations with synthesised arguments, and no call is a client bug", { timeout: 900_000 }, async () => {
    const specPath = join(SPECS_DIR, name);
    const { dir, spec, model } = await generatedSpec(name);
    if (model.operations.length === 0) {
      table.push(`  ${name}: no operations (webhooks only), nothing to call`);
      return;
    }
    const api = (file: string) => import(pathToFileURL(join(dir, "api", file)).href);
    const { createGroupedClient } = (await api("client/index.ts")) as { createGroupedClient: (options: object) => Json };
    const { schemas } = (await api("server/schemas.ts")) as { schemas: { openapi: "3.0" | "3.1"; document: object } };
    const { ContractValidators } = (await api("runtime/server/validation.ts")) as { ContractValidators: new (schemas: object) => Validators };
    const validators = new ContractValidators(schemas);

    let mock: PrismProxy;
    let note = "prism mock";
    if (PRISM_CANNOT_LOAD.has(name)) {
      note = "Prism cannot load it: served by codegen mock instead";
      const codegenMock = await startMock(model);
      mock = { url: codegenMock.url, close: () => void codegenMock.close() };
    } else mock = await startPrismMock(specPath, 300_000);
    try {
      const client = createGroupedClient({ baseUrl: mock.url, auth: credentials(model), maxRetries: 0, timeout: 15_000 });
      const calls: Call[] = [];
      for (const { method, operation } of selected(model)) {
        calls.push(await callOne(client, method, operation, spec.document, validators));
      }
      const counts = new Map<Outcome, number>();
      for (const call of calls) counts.set(call.outcome, (counts.get(call.outcome) ?? 0) + 1);
      table.push(`  ${name} (${note}): ${calls.length} of ${model.operations.length} operations called — ${[...counts].map(([outcome, count]) => `${outcome} ×${count}`).join(", ")}`);
      for (const call of calls.filter((entry) => entry.outcome !== "resolved, shape matches")) table.push(`    ${call.operation}: ${call.outcome}: ${call.detail.slice(0, 300)}`);
      expect(calls.length).toBeGreaterThanOrEqual(Math.min(40, model.operations.length));
      expect(calls.filter((call) => call.outcome === "client bug")).toEqual([]);
    } finally {
      mock.close();
    }
  });
});

