import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WriteOrderMap } from "../../templates/runtime/write-order-map.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/**
 * The map against a model (a list in write order) over any sequence of writes, deletes, reads and
 * deletions from the old end: the same values, the same size, the same oldest entry and the same
 * order, including after the cursor reached the end and entries were written again.
 */
type Step =
  | { kind: "set"; key: string; value: number }
  | { kind: "delete"; key: string }
  | { kind: "oldest" }
  | { kind: "deleteOldestWhile"; below: number }
  | { kind: "deleteDuringIteration"; below: number };

const key = fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h");
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), key, value: fc.integer({ min: 0, max: 99 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), key }) },
  { weight: 3, arbitrary: fc.constant({ kind: "oldest" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("deleteOldestWhile" as const), below: fc.integer({ min: 0, max: 99 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteDuringIteration" as const), below: fc.integer({ min: 0, max: 99 }) }) },
);

describe("WriteOrderMap", () => {
  it("behaves as a list in write order under any sequence of operations", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const map = new WriteOrderMap<number>();
        let model: Array<[string, number]> = [];
        for (const next of steps) {
          switch (next.kind) {
            case "set":
              map.set(next.key, next.value);
              model = [...model.filter(([name]) => name !== next.key), [next.key, next.value]];
              break;
            case "delete":
              map.delete(next.key);
              model = model.filter(([name]) => name !== next.key);
              break;
            case "oldest":
              break;
            case "deleteOldestWhile":
              map.deleteOldestWhile((value) => value < next.below);
              while (model.length > 0 && (model[0]?.[1] ?? 0) < next.below) model.shift();
              break;
            case "deleteDuringIteration":
              for (const entry of map.entries()) if (entry.value < next.below) map.delete(entry.key);
              model = model.filter(([, value]) => value >= next.below);
              break;
          }
          const oldest = map.oldest();
          expect(oldest === undefined ? undefined : [oldest.key, oldest.value]).toEqual(model[0]);
          expect(map.size).toBe(model.length);
          for (const name of ["a", "b", "c", "d", "e", "f", "g", "h"]) expect(map.get(name)).toBe(model.find(([entry]) => entry === name)?.[1]);
        }
        expect([...map.entries()].map(({ key: name, value }) => [name, value])).toEqual(model);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("finds the oldest of many entries used as a queue, each written again or deleted at the old end", () => {
    const map = new WriteOrderMap<number>();
    for (let index = 0; index < 50_000; index++) map.set(`k${index}`, index);
    for (let index = 0; index < 100_000; index++) {
      const oldest = map.oldest();
      expect(oldest?.value).toBe(index);
      if (index % 2 === 0) map.set(oldest?.key ?? "", index + 50_000);
      else {
        map.delete(oldest?.key ?? "");
        map.set(`n${index}`, index + 50_000);
      }
    }
    expect(map.size).toBe(50_000);
  });
});
