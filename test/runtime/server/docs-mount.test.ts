import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { docsRoutes } from "../../../templates/runtime/server/docs.js";
import type { ServerRequest } from "../../../templates/runtime/server/http.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

/**
 * The docs routes below a mount the framework passes on whole (a Fastify `prefix`), for mounts of
 * any shape: literal segments, parameters (`:tenant`), trailing and doubled slashes.
 */
const CONTRACT = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} };
const docs = docsRoutes(CONTRACT, "t");
/** A GET sends no body. */
const NO_BODY: AsyncIterable<Uint8Array> = { async *[Symbol.asyncIterator]() {} };
const get = (path: string, mountPath?: string) => {
  const request: ServerRequest = { method: "GET", path, query: "", headers: {}, body: NO_BODY, ...(mountPath === undefined ? {} : { mountPath }) };
  return docs(request);
};

const word = fc.stringMatching(/^[a-z0-9_-]{1,6}$/);
/** One segment of a mount: a literal, or a parameter and the value a client sends for it. */
const segment = fc.oneof(
  word.map((text) => ({ pattern: text, sent: text, literal: true })),
  fc.tuple(word, fc.stringMatching(/^[A-Za-z0-9._~%-]{1,8}$/)).map(([name, value]) => ({ pattern: `:${name}`, sent: value, literal: false })),
);
const mountOf = fc.tuple(fc.array(segment, { maxLength: 3 }), fc.constantFrom("", "/"), fc.boolean());

describe("docs routes below a mount", () => {
  it("serve the contract below any mount, by segments, and nothing below a mount the path does not match", () => {
    fc.assert(
      fc.property(mountOf, ([segments, trailing, doubled]) => {
        const pattern = (doubled ? "/" : "") + segments.map((part) => `/${part.pattern}`).join("") + trailing;
        const sent = segments.map((part) => `/${part.sent}`).join("");
        const served = get(`${sent}/openapi.json`, pattern);
        expect(served?.status).toBe(200);
        expect(served?.headers.get("content-type")).toBe("application/json; charset=utf-8");
        expect(get(`${sent}/docs`, pattern)?.status).toBe(301);
        // A literal segment spelled otherwise is another path: nothing is served.
        const literal = segments.findIndex((part) => part.literal);
        if (literal >= 0) {
          const other = segments.map((part, index) => `/${index === literal ? `${part.sent}x` : part.sent}`).join("");
          expect(get(`${other}/openapi.json`, pattern)).toBeUndefined();
        }
        // A path shorter than the mount, or with an empty segment where the mount has one, is not below it.
        if (segments.length > 0) {
          expect(get("/openapi.json", pattern)).toBeUndefined();
          expect(get(`/${sent}/openapi.json`, pattern)).toBeUndefined();
        }
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });

  it("without a mount, serve the routes at the root", () => {
    expect(get("/openapi.json")?.status).toBe(200);
    expect(get("/openapi.json", "")?.status).toBe(200);
    expect(get("/api/openapi.json")).toBeUndefined();
  });
});
