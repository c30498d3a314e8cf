import fc from "fast-check";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { formFields, MAX_PARTS, parseBody, parseMultipart, readBody, validateWithFiles } from "../../../templates/runtime/server/body.js";
import { HttpError } from "../../../templates/runtime/server/errors.js";
import { FUZZ_RUNS, FUZZ_SEED } from "../../fuzz/settings.js";

const fields = (query: string) => formFields(new URLSearchParams(query));

describe("form fields", () => {
  it.each([
    ["a=1", { a: "1" }],
    ["a=1&a=2", { a: ["1", "2"] }],
    ["a[]=1&a[]=2", { a: ["1", "2"] }],
    ["a[b]=1&a[c]=2", { a: { b: "1", c: "2" } }],
    ["a[b][c]=1", { a: { b: { c: "1" } } }],
    ["items[0][price]=p1&items[0][qty]=2&items[1][price]=p2", { items: [{ price: "p1", qty: "2" }, { price: "p2" }] }],
    ["metadata[order]=7&expand[]=customer", { metadata: { order: "7" }, expand: ["customer"] }],
    ["a%5Bb%5D=1", { a: { b: "1" } }],
    ["a[=1&]=2", { "a[": "1", "]": "2" }],
  ])("%s", (query, want) => {
    expect(fields(query)).toEqual(want);
  });

  it("keeps __proto__ and constructor as ordinary fields", () => {
    const parsed = fields("__proto__[polluted]=1&constructor[prototype][x]=2");
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
  });

  it("refuses an index that would make a huge sparse list, or a list indexed by name", () => {
    expect(() => fields("a[99999999]=1")).toThrow(/index over/);
    expect(() => fields("a[0]=1&a[b]=2")).toThrow(/mixes list indexes and names/);
  });

  it("is what parseBody gives for an urlencoded body", () => {
    const body = parseBody(new TextEncoder().encode("a[b]=1"), "application/x-www-form-urlencoded", "application/x-www-form-urlencoded");
    expect(body).toEqual({ mediaType: "application/x-www-form-urlencoded", value: { a: { b: "1" } }, validatable: true });
  });
});

describe("multipart bodies", () => {
  const multipart = async (parts: FormData) => {
    const request = new Request("http://x", { method: "POST", body: parts });
    const bytes = new Uint8Array(await request.arrayBuffer());
    return parseMultipart(bytes, request.headers.get("content-type") ?? "", "multipart/form-data");
  };

  it("nests fields as forms do, keeps files as Files, parses JSON parts", async () => {
    const parts = new FormData();
    parts.append("file", new File([new Uint8Array([1, 2])], "a.bin", { type: "application/octet-stream" }));
    parts.append("tags", "x");
    parts.append("tags", "y");
    parts.append("meta[source]", "scan");
    parts.append("json", new Blob(['{"a":[1]}'], { type: "application/json" }));
    parts.append("__proto__[polluted]", "1");
    const { value } = await multipart(parts);
    const fields = value as Record<string, unknown>;
    expect(fields.file).toBeInstanceOf(File);
    expect(new Uint8Array(await (fields.file as File).arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    expect(fields).toMatchObject({ tags: ["x", "y"], meta: { source: "scan" }, json: { a: [1] } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("is a 400 when malformed, when a JSON part is not JSON, or past the part limit", async () => {
    await expect(parseMultipart(new TextEncoder().encode("garbage"), "multipart/form-data; boundary=b", "multipart/form-data")).rejects.toMatchObject({ status: 400, code: "MALFORMED_BODY" });
    const badJson = new FormData();
    badJson.append("j", new Blob(["{"], { type: "application/json" }));
    await expect(multipart(badJson)).rejects.toMatchObject({ status: 400, code: "MALFORMED_JSON" });
    const many = new FormData();
    for (let index = 0; index <= MAX_PARTS; index++) many.append("p", "x");
    await expect(multipart(many)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/more than 1000 parts/) });
  });

  it("validates files as what format: binary is, and puts them back, also where coercion made a list", () => {
    const file = new Blob(["x"]);
    const body: Record<string, unknown> = { one: file, many: file };
    const seen: unknown[] = [];
    const valid = validateWithFiles(body, (value) => {
      const fields = value as Record<string, unknown>;
      seen.push(fields.one, fields.many);
      fields.many = [fields.many]; // what coerceTypes: "array" does for a list of files
      return true;
    });
    expect(valid).toBe(true);
    expect(seen).toEqual(["", ""]);
    expect(body.one).toBe(file);
    expect(body.many).toEqual([file]);
  });
});

describe("readBody", () => {
  const chunksOf = fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 });
  const outcome = (read: Promise<Uint8Array>) =>
    read.then(
      (bytes) => ({ bytes: [...bytes] }),
      (error: unknown) => ({ status: error instanceof HttpError ? error.status : String(error) }),
    );
  const nodeStream = (chunks: Uint8Array[]) => {
    const stream = new PassThrough();
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
    return stream;
  };
  async function* iterable(chunks: Uint8Array[]) {
    for (const chunk of chunks) yield chunk;
  }

  it("reads a Node stream through its events exactly as it reads any async iterable: the same bytes, or the same 413", async () => {
    await fc.assert(
      fc.asyncProperty(chunksOf, fc.integer({ min: 0, max: 200 }), async (chunks, limit) => {
        const size = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
        const evented = await outcome(readBody(nodeStream(chunks), limit, undefined));
        expect(evented).toEqual(await outcome(readBody(iterable(chunks), limit, undefined)));
        expect(evented).toEqual(size > limit ? { status: 413 } : { bytes: chunks.flatMap((chunk) => [...chunk]) });
      }),
      { seed: FUZZ_SEED, numRuns: Math.ceil(FUZZ_RUNS / 2) },
    );
  });

  it("destroys a Node stream found over the limit, leaves the framework's own listeners, and refuses a declared length over it unread", async () => {
    const stream = new PassThrough();
    const theirs = () => undefined;
    stream.on("close", theirs);
    const read = readBody(stream, 4, undefined);
    stream.write(new Uint8Array(3));
    stream.write(new Uint8Array(3));
    await expect(read).rejects.toMatchObject({ status: 413 });
    expect(stream.destroyed).toBe(true);
    expect(stream.listeners("close")).toEqual([theirs]);
    expect(stream.listenerCount("data")).toBe(0);
    const untouched = new PassThrough();
    await expect(readBody(untouched, 4, "5")).rejects.toMatchObject({ status: 413 });
    expect(untouched.listenerCount("data")).toBe(0);
  });

  it("fails when the request closes before its body ends, and reads an ended stream as empty", async () => {
    const stream = new PassThrough();
    const read = readBody(stream, 100, undefined);
    stream.write(new Uint8Array(2));
    stream.destroy();
    await expect(read).rejects.toThrow(/closed before its body ended/);
    const ended = new PassThrough();
    ended.end();
    ended.resume();
    await new Promise((resolve) => ended.once("end", resolve));
    expect([...(await readBody(ended, 100, undefined))]).toEqual([]);
  });
});
