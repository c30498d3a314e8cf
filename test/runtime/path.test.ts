import { describe, expect, it } from "vitest";
import { expandPath } from "../../templates/runtime/path.js";

describe("expandPath (runtime, copied verbatim into the output)", () => {
  it.each([
    ["/users/{userId}", { userId: 42 }, "/users/42"],
    ["/users/{userId}/orders/{orderId}", { userId: "a b", orderId: "x/y?z#" }, "/users/a%20b/orders/x%2Fy%3Fz%23"],
    ["/files/{name}", { name: "../etc/passwd" }, "/files/..%2Fetc%2Fpasswd"],
    ["/flags/{on}", { on: true }, "/flags/true"],
  ])("%s with %j → %s", (template, values, want) => {
    expect(expandPath(template, values)).toBe(want);
  });

  it("throws on a missing value rather than sending a broken path", () => {
    expect(() => expandPath("/users/{userId}", {})).toThrow(/missing path parameter "userId"/);
  });

  it("does not read inherited properties as values", () => {
    expect(() => expandPath("/x/{toString}", {})).toThrow(/missing path parameter/);
  });
});
