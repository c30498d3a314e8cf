import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { ROOT, tempDir } from "../helpers.js";
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

/** Tags named like the properties every object has, and one plain one: Swagger UI groups operations by tag name. */
const OBJECT_TAGS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "plain"];

it("the /docs page renders the operations of tags named like an object's own properties (constructor, __proto__)", { timeout: 120_000 }, async () => {
  const paths = Object.fromEntries(
    OBJECT_TAGS.map((tag, index) => [
      `/things${index}`,
      { get: { operationId: `getThings${index}`, summary: `Lists things of ${tag}`, tags: [tag], responses: { "200": { description: "ok" } } } },
    ]),
  );
  const contract = { openapi: "3.0.3", info: { title: "Tags", version: "1" }, tags: OBJECT_TAGS.map((name) => ({ name, description: `about ${name}` })), paths };
  const spec = join(tempDir(), "tags.json");
  writeFileSync(spec, JSON.stringify(contract));
  const { model } = await loadModel({ spec, allowRemote: false });
  const mock = await startMock(model);
  try {
    const docs = await renderDocs(mock.url, "object-tags", OBJECT_TAGS.length, 60_000);
    expect(docs.errors).toEqual([]);
    expect(docs.summaries.sort()).toEqual(OBJECT_TAGS.map((tag) => `Lists things of ${tag}`).sort());
    // The contract the page loads is the served one, unchanged: only the page shows the names differently.
    const served = (await (await fetch(`${mock.url}/openapi.json`)).json()) as { tags: Array<{ name: string }> };
    expect(served.tags.map((tag) => tag.name)).toEqual(OBJECT_TAGS);
  } finally {
    await mock.close();
  }
});
