import { describe, expect, it } from "vitest";
import { expandPath } from "../../templates/runtime/path.js";

describe("expandPath (runtime, copied verbatim into the output)", () => {
  it.each([
    ["/users/{userId}", { userId: 42 }, "/users/42"],
    ["/users/{userId}/orders/{orderId}", { userId: "a b", orderId: "x/y?z#" }, "/users/a%20b/orders/x%2Fy%3Fz%23"],
    ["/files/{name}", { name: "../etc/passwd" }, "/files/..%2Fetc%2Fpasswd"],
    ["/flags/{on}", { on: true }, "/flags/true"],
    ["/ids/{ids}", { ids: [1, "a,b", 3] }, "/ids/1,a%2Cb,3"],
    ["/at/{point}", { point: { x: 1, y: "2 3" } }, "/at/x,1,y,2%203"],
  ])("%s with %j → %s", (template, values, want) => {
    expect(expandPath(template, values)).toBe(want);
  });

  it("throws on a missing value rather than sending a broken path", () => {
    expect(() => expandPath("/users/{userId}", {})).toThrow(/missing path parameter "userId"/);
  });

  it("refuses what no URL can carry (nested values) instead of writing [object Object]", () => {
    expect(() => expandPath("/at/{point}", { point: { x: { y: 1 } } })).toThrow(/path parameter "point"\.x cannot be written as text: a nested object/);
    expect(() => expandPath("/at/{point}", { point: null })).toThrow(/missing path parameter "point"/);
  });

  it("does not read inherited properties as values", () => {
    expect(() => expandPath("/x/{toString}", {})).toThrow(/missing path parameter/);
  });
});
