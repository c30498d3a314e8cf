import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { ROOT } from "../helpers.js";
import { renderDocs } from "../mock/browser.js";
import { startMock } from "../mock/start-mock.js";
import { SPECS_DIR } from "./specs.js";

it("the /docs page of Stripe's mock (468 operations) renders every operation in a real browser, with no console errors", { timeout: 600_000 }, async () => {
  const { model } = await loadModel({ spec: join(SPECS_DIR, "stripe-spec3-2023-09.yaml"), allowRemote: false });
  const mock = await startMock(model);
  try {
    const began = performance.now();
    const docs = await renderDocs(mock.url, "stripe", model.operations.length, 300_000);
    const withSummary = model.operations.filter((operation) => operation.summary !== undefined && operation.summary !== "");
    console.log(`stripe /docs: ${docs.operations} operations and ${docs.summaries.length} summaries rendered in ${Math.round(performance.now() - began)} ms; screenshot ${relative(ROOT, docs.screenshot)}`);
    expect(docs.errors).toEqual([]);
    expect(docs.operations).toBe(model.operations.length);
    expect(docs.summaries.length).toBe(withSummary.length);
    const missing = model.operations.filter((operation) => !docs.ids.some((id) => id.endsWith(`-${operation.operationId ?? ""}`)));
    expect(missing.map((operation) => operation.id)).toEqual([]);
  } finally {
    await mock.close();
  }
});
