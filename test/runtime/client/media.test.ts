import { describe, expect, it } from "vitest";
import type { OperationContract } from "../../../templates/runtime/contract.js";
import { call, type ClientContext } from "../../../templates/runtime/client/call.js";
import { encodeBody } from "../../../templates/runtime/client/body.js";
import { mediaKind } from "../../../templates/runtime/client/media.js";

/** A fetch that answers every request with `answer()` and keeps what was sent. */
function recording(answer: () => Response) {
  const seen: Request[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push(new Request(url, init));
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const operation = (extra: Partial<OperationContract> = {}): OperationContract => ({
  method: "GET",
  path: "/reports/{id}",
  tags: [],
  parameters: [
    { name: "id", in: "path", required: true, style: "simple", explode: false, shape: "scalar" },
    { name: "X-Trace", in: "header", required: false, style: "simple", explode: false, shape: "scalar" },
    { name: "Accept", in: "header", required: false, style: "simple", explode: false, shape: "scalar" },
    { name: "session", in: "cookie", required: false, style: "form", explode: true, shape: "scalar" },
  ],
  requestBody: null,
  responses: { "200": ["application/json"] },
  security: [[{ scheme: "bearer", scopes: [] }]],
  deprecated: false,
  rateLimits: [],
  ...extra,
});

const context = (fetch: typeof globalThis.fetch, headers: Record<string, string> = {}): ClientContext => ({
  config: { baseUrl: "https://api.example.com", fetch, headers, maxRetries: 0 },
  schemes: { bearer: { type: "http", scheme: "bearer" } },
  credentials: { bearer: "token" },
});

const ok = () => new Response("{}", { headers: { "content-type": "application/json" } });

describe("headers: one value per name, one precedence (Accept < client headers < auth < parameters < per call)", () => {
  it("lets each layer replace the one below whatever the case of the name", async () => {
    const { fetch, seen } = recording(ok);
    const client = context(fetch, { AUTHORIZATION: "Bearer client", "x-trace": "client", "X-Client": "c" });
    await call(client, operation(), { path: { id: 1 }, headers: { "X-Trace": "param" } }, { headers: { authorization: "Bearer call" } });
    const headers = seen[0]!.headers;
    expect(headers.get("authorization")).toBe("Bearer call");
    expect(headers.get("x-trace")).toBe("param");
    expect(headers.get("x-client")).toBe("c");
    expect([...headers.keys()].filter((name) => name === "authorization")).toHaveLength(1);
  });

  it("puts auth above the client's headers, and a header parameter Accept above the contract's", async () => {
    const { fetch, seen } = recording(ok);
    await call(context(fetch, { Authorization: "Bearer client" }), operation(), { path: { id: 1 }, headers: { Accept: "text/csv" } });
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer token");
    expect(seen[0]!.headers.get("accept")).toBe("text/csv");
  });

  it("joins auth and parameter cookies into one Cookie header", async () => {
    const { fetch, seen } = recording(ok);
    const schemes = { bearer: { type: "apiKey", in: "cookie", name: "sid" } } as const;
    await call({ ...context(fetch), schemes }, operation(), { path: { id: 1 }, cookies: { session: "a b" } });
    expect(seen[0]!.headers.get("cookie")).toBe("sid=token; session=a%20b");
  });

  it("names the header when a value cannot be carried, instead of sending it", async () => {
    const { fetch, seen } = recording(ok);
    await expect(call(context(fetch), operation(), { path: { id: 1 }, headers: { "X-Trace": "a\r\nInjected: 1" } })).rejects.toThrow(
      /header "X-Trace" has a name or value HTTP cannot carry/,
    );
    expect(seen).toHaveLength(0);
  });
});

describe("responses by media type", () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0xff, 0x00, 0x80]);

  it("asks for the declared media types, successes first", async () => {
    const { fetch, seen } = recording(ok);
    await call(context(fetch), operation({ responses: { default: ["application/problem+json"], "200": ["text/csv", "application/json"] } }), {
      path: { id: 1 },
    });
    expect(seen[0]!.headers.get("accept")).toBe("text/csv, application/json, application/problem+json");
  });

  it("returns binary bodies as a Blob with the exact bytes (17 bytes stay 17)", async () => {
    const { fetch } = recording(() => new Response(pdf, { headers: { "content-type": "application/pdf" } }));
    const data = await call<Blob>(context(fetch), operation({ responses: { "200": ["application/pdf"] } }), { path: { id: 1 } });
    expect(data).toBeInstanceOf(Blob);
    expect(new Uint8Array(await data.arrayBuffer())).toEqual(pdf);
  });

  it("reads a body without Content-Type by the declared media type", async () => {
    const { fetch } = recording(() => {
      const response = new Response(pdf);
      response.headers.delete("content-type");
      return response;
    });
    const data = await call<Blob>(context(fetch), operation({ responses: { "200": ["application/octet-stream"] } }), { path: { id: 1 } });
    expect(new Uint8Array(await data.arrayBuffer())).toEqual(pdf);
  });

  it("returns text as text and JSON parsed", async () => {
    const csv = recording(() => new Response("a,b\n1,2\n", { headers: { "content-type": "text/csv; charset=utf-8" } }));
    expect(await call(context(csv.fetch), operation({ responses: { "200": ["text/csv"] } }), { path: { id: 1 } })).toBe("a,b\n1,2\n");
    const json = recording(() => new Response('{"a":1}', { headers: { "content-type": "application/vnd.api+json" } }));
    expect(await call(context(json.fetch), operation(), { path: { id: 1 } })).toEqual({ a: 1 });
  });

  it.each([
    ["application/json", "json"],
    ["application/problem+json; charset=utf-8", "json"],
    ["text/csv", "text"],
    ["application/xml", "text"],
    ["application/atom+xml", "text"],
    ["", "text"],
    ["application/pdf", "binary"],
    ["image/png", "binary"],
    ["application/octet-stream", "binary"],
  ])("%s is read as %s", (type, kind) => {
    expect(mediaKind(type)).toBe(kind);
  });
});

describe("request bodies by declared media type", () => {
  it("sends multipart/form-data: fields, repeated lists, files as files, objects as JSON parts", async () => {
    const file = new File([new Uint8Array([1, 2, 3])], "a.bin", { type: "application/octet-stream" });
    const { body, contentType } = encodeBody({ name: "x", tags: ["a", "b"], file, meta: { k: 1 }, skip: undefined }, ["multipart/form-data"]);
    expect(contentType).toBeUndefined(); // fetch writes the boundary
    const parts = body as FormData;
    expect(parts.get("name")).toBe("x");
    expect(parts.getAll("tags")).toEqual(["a", "b"]);
    const sentFile = parts.get("file") as File;
    expect(new Uint8Array(await sentFile.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    const meta = parts.get("meta") as Blob;
    expect(meta.type).toBe("application/json");
    expect(JSON.parse(await meta.text())).toEqual({ k: 1 });
    expect(parts.has("skip")).toBe(false);
    // Through fetch: one multipart body with a boundary.
    const request = new Request("https://x", { method: "POST", body: parts });
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("sends x-www-form-urlencoded with nested values as a[b]=c (Stripe's shape)", () => {
    const { body, contentType } = encodeBody({ amount: 100, metadata: { order: "7" }, expand: ["a", "b"], at: new Date(0) }, [
      "application/x-www-form-urlencoded",
    ]);
    expect(contentType).toBe("application/x-www-form-urlencoded");
    expect(decodeURIComponent(String(body))).toBe("amount=100&metadata[order]=7&expand=a&expand=b&at=1970-01-01T00:00:00.000Z");
  });

  it("sends bytes as the declared binary type, untouched", async () => {
    const bytes = new Uint8Array([0, 255, 128]);
    const { body, contentType } = encodeBody(bytes.subarray(1), ["application/octet-stream"]);
    expect(contentType).toBe("application/octet-stream");
    expect(new Uint8Array(await (body as Blob).arrayBuffer())).toEqual(new Uint8Array([255, 128]));
  });

  it("sends a string as the declared text type, and JSON when JSON is declared", () => {
    expect(encodeBody("hello", ["text/plain"])).toEqual({ body: "hello", contentType: "text/plain" });
    expect(encodeBody({ a: 1 }, ["application/json", "multipart/form-data"])).toEqual({ body: '{"a":1}', contentType: "application/json" });
  });
});
