import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startMock } from "../mock/start-mock.js";
import { walkLists } from "../mock/walk-lists.js";
import { judgedByAjv } from "../mock/judge.js";
import { callOne, credentials, generatedSpec, selected, type Call, type Outcome } from "./client-calls.js";
import { allSpecs } from "./specs.js";

type Json = Record<string, unknown>;

const table: string[] = [];
afterAll(() => {
  console.log(["generated client against codegen mock (responses judged by ajv):", ...table].join("\n"));
});

describe.each(allSpecs())("codegen mock of %s", (name) => {
  it("answers the generated client on contract, lists included", { timeout: 900_000 }, async () => {
    const { dir, spec, model } = await generatedSpec(name, ["--target", "client,server"]);
    const started = performance.now();
    const mock = await startMock(model);
    const startup = Math.round(performance.now() - started);
    try {
      if (model.operations.length === 0) {
        table.push(`  ${name}: no operations (webhooks only), nothing to call; mock ready in ${startup} ms`);
        return;
      }
      const api = (file: string) => import(pathToFileURL(join(dir, "api", file)).href);
      const { createGroupedClient } = (await api("client/index.ts")) as { createGroupedClient: (options: object) => Json };
      const ajvRefused: string[] = [];
      const validators = await judgedByAjv(join(dir, "api"), ajvRefused);
      const client = createGroupedClient({ baseUrl: `${mock.url}${model.basePath}`, auth: credentials(model), maxRetries: 0, timeout: 30_000 });
      const chosen = selected(model);
      const calls: Call[] = [];
      for (const { method, operation } of chosen) calls.push(await callOne(client, method, operation, spec.document, validators));
      const walks = await walkLists(client, chosen);
      const counts = new Map<Outcome, number>();
      for (const call of calls) counts.set(call.outcome, (counts.get(call.outcome) ?? 0) + 1);
      const unserved = mock.reports.filter((report) => report.startsWith("unserved pattern"));
      table.push(
        `  ${name}: ready in ${startup} ms; ${calls.length} of ${model.operations.length} operations called — ${[...counts].map(([outcome, count]) => `${outcome} ×${count}`).join(", ")}; ` +
          `${walks.length} lists walked to their end (${walks.map((walk) => `${walk.operation} ${walk.items}/${walk.expected}`).join(", ") || "none declared"}); ` +
          `patterns unserved ${unserved.length}; schemas ajv cannot compile ${ajvRefused.length}`,
      );
      for (const call of calls.filter((entry) => entry.outcome !== "resolved, shape matches")) table.push(`    ${call.operation}: ${call.outcome}: ${call.detail.slice(0, 300)}`);
      for (const report of mock.reports) table.push(`    mock: ${report.slice(0, 300)}`);
      expect(calls.length).toBeGreaterThanOrEqual(Math.min(40, model.operations.length));
      expect(calls.filter((call) => call.outcome === "client bug" || call.outcome === "resolved, the mock's answer is off-contract")).toEqual([]);
      expect(mock.reports.filter((report) => report.startsWith("error"))).toEqual([]);
      for (const walk of walks) expect(walk, walk.operation).toMatchObject({ items: walk.expected, error: undefined });
    } finally {
      await mock.close();
    }
  });
});
