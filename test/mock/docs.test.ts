import { relative } from "node:path";
import { expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { ROOT } from "../helpers.js";
import { renderDocs } from "./browser.js";
import { startMock } from "./start-mock.js";

it("the mock's /docs page renders every operation's summary in a real browser, with no console errors", { timeout: 120_000 }, async () => {
  const { model } = await loadModel({ spec: `${ROOT}fixtures/users.yaml`, allowRemote: false });
  const mock = await startMock(model);
  try {
    const docs = await renderDocs(mock.url, "users", model.operations.length, 60_000);
    console.log(`users /docs: ${docs.operations} operations, ${docs.summaries.length} summaries; screenshot ${relative(ROOT, docs.screenshot)}`);
    expect(docs.errors).toEqual([]);
    expect(docs.operations).toBe(model.operations.length);
    expect(docs.firstServer).toBe(`${mock.url}/v1`);
    expect(docs.summaries.sort()).toEqual(model.operations.map((operation) => operation.summary ?? "").filter((summary) => summary !== "").sort());
  } finally {
    await mock.close();
  }
});
