import { describe, expect, it } from "vitest";
import { RouteTable } from "../../../templates/runtime/server/routes.js";

const routes = [
  { method: "GET", path: "/users/{id}" },
  { method: "GET", path: "/users/me" },
  { method: "DELETE", path: "/users/{id}" },
  { method: "GET", path: "/files/{name}.{ext}" },
  { method: "POST", path: "/a b/{x}" },
];
const table = new RouteTable(routes, "/v1");

describe("RouteTable", () => {
  it("prefers a concrete path over a templated one, whatever the declaration order", () => {
    expect(table.match("GET", "/v1/users/me")).toMatchObject({ kind: "found", route: { path: "/users/me" } });
    expect(table.match("GET", "/v1/users/42")).toMatchObject({ kind: "found", route: { path: "/users/{id}" }, params: new Map([["id", "42"]]) });
  });

  it("matches several variables in one segment, keeping values encoded", () => {
    expect(table.match("GET", "/v1/files/report%20final.pdf")).toMatchObject({ params: new Map([["name", "report%20final"], ["ext", "pdf"]]) });
  });

  it("lists the allowed methods for a known path (HEAD with GET)", () => {
    expect(table.match("PUT", "/v1/users/42")).toEqual({ kind: "method-not-allowed", allow: ["DELETE", "GET", "HEAD"] });
    expect(table.match("HEAD", "/v1/users/42")).toMatchObject({ kind: "found", route: { method: "GET" } });
  });

  it("requires the base path, tolerates one trailing slash, and is otherwise exact", () => {
    expect(table.match("GET", "/users/42").kind).toBe("not-found");
    expect(table.match("GET", "/v1/users/42/").kind).toBe("found");
    expect(table.match("GET", "/v1/users/42/x").kind).toBe("not-found");
    expect(table.match("GET", "/v1/users/").kind).toBe("not-found");
  });

  it("compares literal segments in one spelling, encoded or not", () => {
    expect(table.match("POST", "/v1/a%20b/1").kind).toBe("found");
    expect(table.match("POST", "/v1/a b/1").kind).toBe("found");
  });
});
