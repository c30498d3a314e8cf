import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/diff-models.js";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { valueAtPointer } from "../../src/pointer.js";
import { SEVERITIES } from "../../src/diff/rules.js";
import { allSpecs, SPECS_DIR } from "./specs.js";

const TODAY = new Date("2026-12-01T00:00:00Z");

async function load(path: string) {
  const spec = await loadSpec(path, { allowRemote: false });
  return { document: spec.document, model: buildModel(spec) };
}

describe("codegen diff on real specs", () => {
  for (const name of allSpecs()) {
    it(`reports nothing between two loads of ${name}`, async () => {
      const first = await load(join(SPECS_DIR, name));
      const second = await load(join(SPECS_DIR, name));
      expect(diffModels(first.model, second.model, { now: TODAY }).changes).toEqual([]);
    });
  }

  it("classifies Stripe 2023-06 → 2023-09 with every pointer on its own side", async () => {
    const base = await load(join(SPECS_DIR, "history", "stripe-spec3-2023-06.yaml"));
    const head = await load(join(SPECS_DIR, "stripe-spec3-2023-09.yaml"));
    const result = diffModels(base.model, head.model, { now: TODAY });
    const missing = result.changes.filter((change) => valueAtPointer(base.document, change.basePointer) === undefined || valueAtPointer(head.document, change.headPointer) === undefined);
    expect(missing.map((change) => `${change.rule} ${change.basePointer} ${change.headPointer}`)).toEqual([]);
    // 16 operations were added in those three months, none removed.
    expect(result.changes.filter((change) => change.rule === "operation-added")).toHaveLength(head.model.operations.length - base.model.operations.length);
    expect(result.changes.filter((change) => change.rule.startsWith("operation-removed"))).toEqual([]);
    // A shared schema's change is one finding reaching many operations, not one per operation.
    const taxIds = result.changes.filter((change) => change.basePointer === "#/components/schemas/tax_id/properties/type" && change.rule === "response-body-enum-value-added");
    expect(taxIds.length).toBeGreaterThan(0);
    expect(taxIds[0]?.operations.length).toBeGreaterThan(100);
    const rules = new Map<string, number>();
    for (const change of result.changes) rules.set(change.rule, (rules.get(change.rule) ?? 0) + 1);
    console.log(
      `Stripe 2023-06 → 2023-09: ${SEVERITIES.map((severity) => `${result.summary[severity].changes} ${severity} (${result.summary[severity].operations} operations)`).join(", ")}\n` +
        [...rules].sort((a, b) => b[1] - a[1]).map(([rule, count]) => `  ${String(count).padStart(4)} ${rule}`).join("\n"),
    );
    expect(result.summary.breaking.changes).toBeGreaterThan(0);
  });
});
