import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RouteTable, canonicalPath } from "../../../templates/runtime/server/routes.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";
import { RegexRouteTable } from "./regex-route-table.js";

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
    // As few characters as each can take, the last the rest (Stoplight Prism splits the same way).
    expect(table.match("GET", "/v1/files/archive.tar.gz")).toMatchObject({ params: new Map([["name", "archive"], ["ext", "tar.gz"]]) });
  });

  it("matches a long segment against a template of many variables at once, found or not (a backtracking pattern took cubic time)", () => {
    // `^([^/]+?)\.([^/]+?)\.([^/]+?)\.([^/]+?)\.json$` on `a.a.…` (8 KB) backtracked for minutes: this would time out.
    const many = new RouteTable([{ method: "GET", path: "/f/{a}.{b}.{c}.{d}.json" }]);
    const dots = "a.".repeat(4000);
    expect(many.match("GET", `/f/${dots}a`)).toEqual({ kind: "not-found" });
    expect(many.match("GET", `/f/${dots}a.json`)).toMatchObject({ kind: "found", params: new Map([["a", "a"], ["b", "a"], ["c", "a"], ["d", `${"a.".repeat(3997)}a`]]) });
    expect(many.match("GET", `/f/${"ab".repeat(4000)}.json`)).toEqual({ kind: "not-found" });
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

  it("counts repeated slashes as one, in templates and in requests", () => {
    const doubled = new RouteTable([{ method: "GET", path: "/archive//{year}" }], "/v1");
    expect(doubled.match("GET", "/v1/archive//2024")).toMatchObject({ kind: "found", params: new Map([["year", "2024"]]) });
    expect(doubled.match("GET", "/v1/archive/2024")).toMatchObject({ kind: "found" });
    expect(table.match("GET", "/v1//users///42")).toMatchObject({ kind: "found", route: { path: "/users/{id}" } });
  });

  it("compares literal segments in one spelling, encoded or not", () => {
    expect(table.match("POST", "/v1/a%20b/1").kind).toBe("found");
    expect(table.match("POST", "/v1/a b/1").kind).toBe("found");
  });
});

describe("canonicalPath", () => {
  it("takes its shortcut only where decoding and encoding each segment would change nothing", () => {
    const slow = (path: string) =>
      path
        .split("/")
        .map((segment) => {
          try {
            return encodeURIComponent(decodeURIComponent(segment.replace(/%(?![0-9A-Fa-f]{2})/g, "%25")));
          } catch {
            return segment;
          }
        })
        .join("/");
    const char = fc.constantFrom(..."aZ09-_.!~*'()/% :@+,;=$&?#[]é\u2028".split(""), "%20", "%2F", "%E2%82%AC", "%ZZ");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const path = chars.join("");
        expect(canonicalPath(path)).toBe(slow(path));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 10 },
    );
  });
});

/**
 * The tree router answers every path as the linear regular-expression scan it replaced did:
 * random route sets (literal, variable and mixed segments; shared prefixes; templates differing
 * only in variable names; a trailing slash; a base path) against random paths made from the same
 * pieces, encoded or not.
 */
describe("RouteTable against the regular-expression scan it replaced", () => {
  const piece = fc.constantFrom("users", "me", "a b", "a%20b", "x.y", "{id}", "{userId}", "{name}.{ext}", "{a}-{b}", "{a}.{b}.{c}", "{x}{y}", "v{n}.json", "a{b", "files", "", "%ZZ");
  const template = fc.array(piece, { minLength: 0, maxLength: 4 }).chain((pieces) =>
    fc.boolean().map((slash) => `/${pieces.join("/")}${slash && pieces.length > 0 ? "/" : ""}`),
  );
  const route = fc.record({ method: fc.constantFrom("GET", "POST", "DELETE", "put"), path: template });
  const value = fc.constantFrom("users", "me", "a b", "a%20b", "x.y", "42", "report.pdf", "1-2", "a.b.c", "a..b.c.d", "1-2-3", "v2.json", "v.json", "a{b", "files", "", "%ZZ", "%2F", "-");
  const path = fc.array(value, { minLength: 0, maxLength: 5 }).chain((values) => fc.boolean().map((slash) => `/${values.join("/")}${slash ? "/" : ""}`));

  it("finds the same route, parameters and Allow list", () => {
    fc.assert(
      fc.property(fc.array(route, { maxLength: 12 }), fc.constantFrom("", "/v1"), fc.array(fc.tuple(fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE"), path), { minLength: 1, maxLength: 8 }), (routes, basePath, requests) => {
        const tree = new RouteTable(routes, basePath);
        const scan = new RegexRouteTable(routes, basePath);
        for (const [method, requested] of requests) {
          for (const full of [requested, `${basePath}${requested}`]) expect(tree.match(method, full)).toEqual(scan.match(method, full));
        }
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 5 },
    );
  });
});
