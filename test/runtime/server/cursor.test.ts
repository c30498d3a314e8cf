import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../../../templates/runtime/server/node-hash.js";
import { compareKeys, CursorCodec, queryBinding } from "../../../templates/runtime/server/cursor.js";
import { linkHeader } from "../../../templates/runtime/server/link.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

const binding = queryBinding([["sort", "created_at"], ["role", "admin"], ["cursor", "x"], ["limit", "5"]], new Set(["cursor", "limit"]));

describe("CursorCodec", () => {
  it.each([["unsigned", undefined], ["signed", "s3cret"]])("round-trips a position (%s)", (_name, secret) => {
    const codec = new CursorCodec(secret);
    const cursor = codec.encode(["2024-01-01T00:00:00Z", 42], binding);
    expect(cursor).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(codec.decode(cursor, binding)).toEqual(["2024-01-01T00:00:00Z", 42]);
  });

  it("binds a cursor to the query's filters and sort, not to their order", () => {
    const reordered = queryBinding([["role", "admin"], ["limit", "9"], ["sort", "created_at"]], new Set(["cursor", "limit"]));
    expect(reordered).toBe(binding);
    const codec = new CursorCodec();
    const other = queryBinding([["sort", "-created_at"], ["role", "admin"]], new Set(["cursor", "limit"]));
    expect(() => codec.decode(codec.encode([1], binding), other)).toThrow(expect.objectContaining({ status: 400, code: "INVALID_CURSOR" }));
  });

  it("binds alike whether the query is hashed natively (Node adapters) or in JavaScript (Web runtimes)", () => {
    const pair = fc.tuple(fc.string(), fc.string());
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), fc.string(), (pairs, scope) => {
        const ignored = new Set(["cursor", "limit"]);
        expect(queryBinding(pairs, ignored, scope, nodeSha256)).toBe(queryBinding(pairs, ignored, scope));
      }),
      { seed: FUZZ_SEED, numRuns: Math.ceil(FUZZ_RUNS / 2) },
    );
  });

  it("refuses a tampered, foreign-key or malformed cursor with 400 INVALID_CURSOR", () => {
    const codec = new CursorCodec("s3cret");
    const cursor = codec.encode([10, 3], binding);
    const [payload, signature] = cursor.split(".");
    const forged = Buffer.from(JSON.stringify({ p: [0, 0], b: binding })).toString("base64url");
    for (const bad of [`${forged}.${signature}`, `${payload}.AAAA`, payload ?? "", new CursorCodec("other").encode([10, 3], binding), "%%%", "a.b.c", "", Buffer.from("[1]").toString("base64url") + ".x"]) {
      expect(() => codec.decode(bad, binding), bad).toThrow(expect.objectContaining({ status: 400, code: "INVALID_CURSOR" }));
    }
  });
});

describe("compareKeys", () => {
  it("orders by each key in turn, the last one breaking ties", () => {
    expect(compareKeys([5, 1], [5, 2])).toBe(-1);
    expect(compareKeys([5, 9], [6, 1])).toBe(-1);
    expect(compareKeys(["b", 1], ["a", 9])).toBe(1);
    expect(compareKeys([5, 2], [5, 2])).toBe(0);
  });
});

describe("linkHeader", () => {
  it("keeps the other query parameters, replaces the page ones, and encodes everything", () => {
    const header = linkHeader("/v1/users", [["q", "a b"], ["role", "admin"], ["page", "2"]], [
      { rel: "next", set: { page: "3" } },
      { rel: "prev", set: { page: "1" } },
    ]);
    expect(header).toBe('</v1/users?q=a%20b&role=admin&page=3>; rel="next", </v1/users?q=a%20b&role=admin&page=1>; rel="prev"');
  });

  it("cannot be broken out of by a hostile path or parameter", () => {
    const header = linkHeader('/v1/x>; rel="evil"', [['q">; rel="evil', '<http://evil>, <x>; rel="next"']], [{ rel: "next", set: { cursor: "c" } }]) ?? "";
    expect(header.match(/rel=/g)).toHaveLength(1);
    expect(header).not.toContain("<http");
    expect(header.startsWith("</v1/x%3E%3B%20rel%3D%22evil%22?")).toBe(true);
    expect([...header.slice(1, header.indexOf(">"))].every((char) => !'<>" ,'.includes(char))).toBe(true);
  });
});
