import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { ROOT, VALID_FIXTURES } from "../helpers.js";
import { callOne, credentials, selected, type Call } from "../real/client-calls.js";
import { judgedByAjv } from "./judge.js";
import { startMock } from "./start-mock.js";
import { walkLists } from "./walk-lists.js";

type Json = Record<string, unknown>;

const table: string[] = [];
afterAll(() => console.log(["fixtures' generated clients against codegen mock:", ...table].join("\n")));

describe.each(VALID_FIXTURES)("codegen mock of %s", (name, spec) => {
  it("answers every operation on contract (ajv), and lists walk to their end", async () => {
    const { spec: loaded, model } = await loadModel({ spec: join(ROOT, spec), allowRemote: false });
    const golden = (file: string) => import(pathToFileURL(join(ROOT, "test", "golden", name, file)).href);
    const { createGroupedClient } = (await golden("client/index.ts")) as { createGroupedClient: (options: object) => Json };
    const validators = await judgedByAjv(join(ROOT, "test", "golden", name));
    const mock = await startMock(model);
    try {
      const client = createGroupedClient({ baseUrl: `${mock.url}${model.basePath}`, auth: credentials(model), maxRetries: 0 });
      // A path with dot segments (`/../../escape`) is rewritten by every URL parser before it leaves the client.
      const chosen = selected(model).filter(({ operation }) => !operation.path.split("/").some((segment) => segment === "." || segment === ".."));
      const calls: Call[] = [];
      for (const { method, operation } of chosen) calls.push(await callOne(client, method, operation, loaded.document, validators));
      const walks = await walkLists(client, chosen);
      const matched = calls.filter((call) => call.outcome === "resolved, shape matches").length;
      table.push(`  ${name}: ${matched} of ${calls.length} calls answered on contract; lists walked: ${walks.map((walk) => `${walk.operation} ${walk.items}/${walk.expected}`).join(", ") || "none"}`);
      for (const call of calls.filter((entry) => entry.outcome !== "resolved, shape matches")) table.push(`    ${call.operation}: ${call.outcome}: ${call.detail.slice(0, 200)}`);
      expect(calls.filter((call) => call.outcome === "client bug" || call.outcome === "resolved, the mock's answer is off-contract")).toEqual([]);
      expect(calls.filter((call) => call.outcome === "ApiError: the mock cannot answer")).toEqual([]);
      expect(mock.reports).toEqual([]);
      for (const walk of walks) expect(walk, walk.operation).toMatchObject({ items: walk.expected, error: undefined });
    } finally {
      await mock.close();
    }
  });
});
