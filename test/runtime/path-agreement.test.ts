import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathTemplate } from "../../src/ir/operation.js";
import { expandPath } from "../../templates/runtime/path.js";
import { RouteTable } from "../../templates/runtime/server/routes.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../fuzz/settings.js";

/**
 * Client and server agree on every spelling of a path key: the client builds the URL from the
 * key's template alone (nothing after `#` or `?`), literals encoded once; the server, given the
 * same key, routes that URL to it and hands back each value as it was given. Keys are made of
 * plain, spaced, percent-encoded and non-ASCII literals, empty segments (`//`), a trailing
 * slash, and segments of one or two variables.
 */
describe("path keys: the client's URL and the server's match agree", () => {
  const literal = fc.constantFrom("users", "a b", "a%20b", "café", "%E2%82%AC", "x.y", "v1:batch", "100%", "it's");
  const segment = fc.oneof(
    literal,
    fc.constant(""),
    fc.constant("{a}"),
    fc.constant("{b}.{c}"),
    fc.constant("{d}-{e}.json"),
    literal.map((text) => `${text}-{f}`),
  );
  const key = fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom("", "#get_shared_link", "?fields=x", "#a?b"))
    .map(([segments, slash, suffix]) => {
      // Each variable once per key.
      const seen = new Set<string>();
      const kept = segments.filter((part) => [...part.matchAll(/\{(\w)\}/g)].every(([, name]) => !seen.has(name ?? "") && seen.add(name ?? "")));
      return `/${kept.join("/")}${slash ? "/" : ""}${suffix}`;
    });
  const value = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom("a.b", "x-y", "é t", "%41", "a/b", "?#", "0"), fc.integer({ min: 0, max: 9999 }));

  it("routes every URL the client builds to its key, with the values it was given", () => {
    let built = 0;
    fc.assert(
      fc.property(key, fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "f"), value), fc.constantFrom("GET", "POST"), (pathKey, values, method) => {
        const template = pathTemplate(pathKey);
        let url: string;
        try {
          url = expandPath(template, values);
        } catch (error) {
          // Refused on the client: a missing, empty or dot-segment value, or one holding the separator that ends it.
          expect(String(error)).toMatch(/^TypeError: (missing path parameter|path parameter)/);
          return;
        }
        built += 1;
        expect(url).not.toMatch(/[#?]/);
        expect(url).toMatch(/^[\x21-\x7e]*$/);
        const match = new RouteTable([{ method, path: template }], "/v1").match(method, `/v1${url}`);
        expect(match.kind, `${pathKey} → ${url}`).toBe("found");
        if (match.kind !== "found") return;
        for (const [name, given] of match.params) expect(decodeURIComponent(given), `${name} in ${url}`).toBe(String(values[name]));
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 2 },
    );
    expect(built).toBeGreaterThan(FUZZ_RUNS / 4);
  });

  it("routes two keys of one URL by method", () => {
    const table = new RouteTable(
      [
        { method: "GET", path: pathTemplate("/folders/{folder_id}") },
        { method: "PUT", path: pathTemplate("/folders/{folder_id}#update") },
        { method: "DELETE", path: pathTemplate("/folders/{folder_id}?shared_link") },
      ],
      "",
    );
    const url = expandPath(pathTemplate("/folders/{folder_id}#update"), { folder_id: "12 34" });
    expect(url).toBe("/folders/12%2034");
    for (const method of ["GET", "PUT", "DELETE"]) expect(table.match(method, url)).toMatchObject({ kind: "found", route: { method }, params: new Map([["folder_id", "12%2034"]]) });
  });
});
