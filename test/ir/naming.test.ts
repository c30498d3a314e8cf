import { describe, expect, it } from "vitest";
import { camelCase, NameRegistry, pascalCase } from "../../src/ir/naming.js";
import { derivedOperationName } from "../../src/ir/build-model.js";

describe("camelCase", () => {
  it.each([
    ["listUsers", "listUsers"],
    ["list users", "listUsers"],
    ["get-user_by.id", "getUserById"],
    ["HTTPServer", "httpServer"],
    ["delete", "delete_"],
    ["constructor", "constructor_"],
    ["__proto__", "proto"],
    ["123abc", "_123abc"],
    ["../../../tmp/evil", "tmpEvil"],
    ["ünïcode", "nCode"],
    ["***", "value"],
  ])("%j → %j", (given, want) => {
    expect(camelCase(given)).toBe(want);
  });
});

describe("pascalCase", () => {
  it.each([
    ["user profile", "UserProfile"],
    ["Evil*/Schema", "EvilSchema"],
    ["class", "Class_"],
    ["string", "String_"],
  ])("%j → %j", (given, want) => {
    expect(pascalCase(given)).toBe(want);
  });
});

describe("derived operation names", () => {
  it.each([
    ["get", "/users/{userId}/orders", "getUsersByUserIdOrders"],
    ["post", "/users", "postUsers"],
    ["delete", "/", "delete_"],
  ])("%s %s → %s", (method, path, want) => {
    expect(derivedOperationName(method, path)).toBe(want);
  });
});

describe("NameRegistry", () => {
  it("resolves collisions, including case-insensitive ones, the same way every run", () => {
    const claim = () => {
      const names = new NameRegistry(["components"]);
      return ["getUser", "GetUser", "getuser", "Components", "getUser2"].map((name) => names.claim(name));
    };
    expect(claim()).toEqual(["getUser", "GetUser2", "getuser3", "Components2", "getUser22"]);
    expect(claim()).toEqual(claim());
  });
});
