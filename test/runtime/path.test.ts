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

describe("expandPath: the template's literal text and values the server could not tell apart", () => {
  it.each([
    ["/files/café/{id}", { id: 1 }, "/files/caf%C3%A9/1"],
    ["/files/a b/{id}", { id: 1 }, "/files/a%20b/1"],
    ["/files/a%20b/{id}", { id: 1 }, "/files/a%20b/1"],
    ["/v1/users:batchGet/{id}", { id: "x" }, "/v1/users:batchGet/x"],
    ["/odd/100%/{id}", { id: "x" }, "/odd/100%25/x"],
    ["/files/{name}.{ext}", { name: "archive", ext: "tar.gz" }, "/files/archive.tar.gz"],
    ["/a//b/{id}/", { id: "x" }, "/a//b/x/"],
  ])("%s with %j → %s", (template, values, want) => {
    expect(expandPath(template, values)).toBe(want);
  });

  it("refuses empty and dot-segment values, and a variable holding the separator that ends it", () => {
    expect(() => expandPath("/users/{id}", { id: "" })).toThrow(/path parameter "id" for \/users\/\{id\} may not be ""/);
    expect(() => expandPath("/users/{id}", { id: ".." })).toThrow(/may not be "\.\."/);
    expect(() => expandPath("/files/{name}.{ext}", { name: "a.b", ext: "gz" })).toThrow(/path parameter "name" for \/files\/\{name\}\.\{ext\} may not contain "\.", which ends it/);
  });
});
