import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SortContract } from "../../../templates/runtime/contract.js";
import { HttpError } from "../../../templates/runtime/server/errors.js";
import { readSort } from "../../../templates/runtime/server/sort.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

/** The reference: the keys as a regular expression reads them, then the three limits checked on the whole list. */
function reference(contract: SortContract, values: string[]): Array<{ field: string; direction: string }> | "400" {
  if (values.length === 0) return contract.defaults.map(({ field, direction }) => ({ field, direction }));
  const keys = values.flatMap((value) => value.split(",")).map((text) => /^\s*([+-]?)(.*?)\s*$/s.exec(text) as RegExpExecArray);
  const fields = keys.map((match) => match[2] ?? "");
  if (fields.some((field) => !new Set(contract.fields).has(field))) return "400";
  if (new Set(fields).size !== fields.length || fields.length > contract.maxKeys) return "400";
  return keys.map((match) => ({ field: match[2] ?? "", direction: match[1] === "-" ? "desc" : "asc" }));
}

const POOL = ["name", "price", "id", "created_at", "owner.name"];
const HOSTILE = ["__proto__", "constructor", "", "-", "+", "--name", " name", "name ", "a".repeat(300), "%2Cname", "NAME", "-owner.name", "owner..name"];

describe("readSort", () => {
  const contract = fc.record({
    param: fc.constantFrom("sort", "order"),
    fields: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: POOL.length }),
    maxKeys: fc.integer({ min: 1, max: 4 }),
  }).map((base): SortContract => ({ ...base, defaults: [{ field: base.fields[0] as string, direction: "desc" }] }));
  const key = fc.tuple(fc.constantFrom("", "-", "+"), fc.constantFrom(...POOL, ...HOSTILE)).map(([sign, field]) => `${sign}${field}`);
  const value = fc.array(key, { minLength: 1, maxLength: 6 }).map((keys) => keys.join(","));

  it("agrees with a reference on generated orders, hostile keys among them", () => {
    fc.assert(
      fc.property(contract, fc.array(fc.tuple(fc.constantFrom("sort", "order", "other"), value), { maxLength: 3 }), (sort, query) => {
        const values = query.filter(([name]) => name === sort.param).map(([, text]) => text);
        let outcome: unknown;
        try {
          outcome = readSort(sort, query);
        } catch (error) {
          expect(error).toBeInstanceOf(HttpError);
          expect(error).toMatchObject({ status: 400, details: [{ location: "query", field: sort.param, code: "sort" }] });
          outcome = "400";
        }
        expect(outcome).toEqual(reference(sort, values));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 5 },
    );
  });

  it("names the parameter and the bad key, cut to 100 characters", () => {
    const sort: SortContract = { param: "sort", fields: ["name"], defaults: [], maxKeys: 1 };
    expect(() => readSort(sort, [["sort", "__proto__"]])).toThrow(expect.objectContaining({ details: [expect.objectContaining({ message: expect.stringMatching(/^"__proto__" sorts by "__proto__", which is not one of name$/) })] }));
    const long = "x".repeat(5000);
    const error = (() => {
      try {
        readSort(sort, [["sort", long]]);
      } catch (caught) {
        return caught as HttpError;
      }
      return undefined;
    })();
    expect(error?.details[0]?.message.length).toBeLessThan(300);
    expect(error?.details[0]?.message.startsWith(`"${"x".repeat(100)}"`)).toBe(true);
  });
});
