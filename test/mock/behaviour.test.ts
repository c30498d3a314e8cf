import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "../../src/pipeline.js";
import { CLI, ROOT, childEnv, runCli, tempDir } from "../helpers.js";
import { send } from "../server/serve.js";
import { VALIDATION_CASES } from "../server/validation-cases.js";
import { startMock, type RunningMock } from "./start-mock.js";

const model = async (spec: string) => (await loadModel({ spec: join(ROOT, spec), allowRemote: false })).model;

/** A contract with named examples: one that meets its schema, one that breaks it. */
const EXAMPLES = `openapi: 3.0.3
info: { title: Examples, version: "1" }
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Thing" }
              examples:
                broken: { value: { id: "not a number", name: "Broken" } }
                gear: { value: { id: 7, name: "Gear" } }
        "404":
          description: No such thing.
          content:
            application/json:
              schema: { type: object, required: [message], properties: { message: { type: string, minLength: 3 } } }
components:
  schemas:
    Thing:
      type: object
      required: [id, name]
      properties:
        id: { type: integer, minimum: 1 }
        name: { type: string, pattern: "^[A-Z][a-z]+$" }
`;

describe("codegen mock answers invalid requests as the generated server does", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock(await model("fixtures/validation.yaml"), { bodyLimit: 1024 });
  });
  afterAll(() => mock.close());

  it.each(VALIDATION_CASES)("%s", async (_name, request, status, code, expected) => {
    const reply = await send(mock.url, { ...request, headers: { "x-request-id": "req-42", ...request.headers } });
    expect(reply.status, reply.text).toBe(status);
    const body = reply.json() as { error: { code: string; details: Array<{ location: string; pointer: string; code: string }> }; meta: { request_id: string } };
    expect(body).toMatchObject({ error: { code }, meta: { request_id: "req-42" } });
    const got = body.error.details.map((detail) => [detail.location, detail.pointer, detail.code]);
    for (const want of expected) expect(got).toContainEqual(want);
  });
});

describe("codegen mock's answers", () => {
  let spec: string;
  let mock: RunningMock;
  beforeAll(async () => {
    spec = join(tempDir(), "examples.yaml");
    writeFileSync(spec, EXAMPLES);
    mock = await startMock((await loadModel({ spec, allowRemote: false })).model);
  });
  afterAll(() => mock.close());

  it("serve the first example that meets the schema, never one that breaks it", async () => {
    const reply = await send(mock.url, { method: "GET", path: "/things/1" });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ id: 7, name: "Gear" });
  });

  it("follow Prefer: example=, and refuse an example that breaks the schema, naming the valid ones", async () => {
    const chosen = await send(mock.url, { method: "GET", path: "/things/1", headers: { prefer: "example=gear" } });
    expect(chosen.json()).toEqual({ id: 7, name: "Gear" });
    const broken = await send(mock.url, { method: "GET", path: "/things/1", headers: { prefer: "example=broken" } });
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('it has \\"gear\\"');
  });

  it("are listed by validate --verbose when they break their schema (counted without --verbose)", () => {
    const verbose = runCli(["validate", spec, "--verbose"]);
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toContain("1 response example breaks its schema: codegen mock does not serve it");
    expect(verbose.stderr).toContain("getThing 200 #/paths/~1things~1{id}/get/responses/200/content/application~1json/examples/broken: /id must be integer");
    const plain = runCli(["validate", spec]);
    expect(plain.stderr).toContain("(--verbose lists it)");
    expect(plain.stderr).not.toContain("examples/broken:");
  });

  it("follow Prefer: dynamic=true with a value drawn from the schema, the same for the same request", async () => {
    const drawn = await send(mock.url, { method: "GET", path: "/things/1", headers: { prefer: "dynamic=true" } });
    const again = await send(mock.url, { method: "GET", path: "/things/1", headers: { prefer: "dynamic=true" } });
    const other = await send(mock.url, { method: "GET", path: "/things/2", headers: { prefer: "dynamic=true" } });
    const thing = drawn.json() as { id: number; name: string };
    expect(thing.id).toBeGreaterThanOrEqual(1);
    expect(thing.name).toMatch(/^[A-Z][a-z]+$/);
    expect(again.text).toBe(drawn.text);
    expect(other.text).not.toBe(drawn.text);
  });

  it("follow Prefer: code=, and say which statuses exist when asked for one that does not", async () => {
    const missing = await send(mock.url, { method: "GET", path: "/things/1", headers: { prefer: "code=404" } });
    expect(missing.status).toBe(404);
    expect((missing.json() as { message: string }).message.length).toBeGreaterThanOrEqual(3);
    const undeclared = await send(mock.url, { method: "GET", path: "/things/1", headers: { prefer: "code=418" } });
    expect(undeclared.status).toBe(400);
    expect(undeclared.text).toContain("declares 200, 404");
  });

  it("depend on the seed: another seed, another answer", async () => {
    const { model: examples } = await loadModel({ spec, allowRemote: false });
    const [one, same, other] = await Promise.all([startMock(examples, { seed: 1 }), startMock(examples, { seed: 1 }), startMock(examples, { seed: 2 })]);
    try {
      const get = (running: RunningMock) => send(running.url, { method: "GET", path: "/things/3", headers: { prefer: "dynamic=true" } }).then((reply) => reply.text);
      expect(await get(same)).toBe(await get(one));
      expect(await get(other)).not.toBe(await get(one));
    } finally {
      await Promise.all([one.close(), same.close(), other.close()]);
    }
  });
});

describe("codegen mock enforces the contract's policies", () => {
  it("requires credentials, and with --auth only that one", async () => {
    const users = await model("fixtures/users.yaml");
    const open = await startMock(users);
    const strict = await startMock(users, { auth: "letmein" });
    try {
      expect((await send(open.url, { method: "GET", path: "/v1/users/1" })).status).toBe(401);
      expect((await send(open.url, { method: "GET", path: "/v1/users/1", headers: { authorization: "Bearer anything" } })).status).toBe(200);
      expect((await send(strict.url, { method: "GET", path: "/v1/users/1", headers: { authorization: "Bearer anything" } })).status).toBe(401);
      expect((await send(strict.url, { method: "GET", path: "/v1/users/1", headers: { authorization: "Bearer letmein" } })).status).toBe(200);
    } finally {
      await Promise.all([open.close(), strict.close()]);
    }
  });

  it("limits the rate as declared, with the limit headers", async () => {
    const mock = await startMock(await model("fixtures/limits.yaml"));
    try {
      const get = () => send(mock.url, { method: "GET", path: "/by-client", headers: { "x-client-id": "c-1" } });
      const first = await get();
      const second = await get();
      expect(first.status).toBe(200);
      expect(second.status).toBe(429);
      expect(Number(second.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await mock.close();
    }
  });

  it("replays a keyed request and refuses the key with another body", async () => {
    const mock = await startMock(await model("fixtures/idempotency.yaml"));
    try {
      const post = (body: object) => send(mock.url, { method: "POST", path: "/orders", headers: { "x-api-key": "k", "idempotency-key": "key-1" }, body });
      const first = await post({ item: "tea", qty: 1 });
      const replay = await post({ item: "tea", qty: 1 });
      const changed = await post({ item: "tea", qty: 2 });
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.text).toBe(first.text);
      expect(changed.status).toBe(422);
      expect((await send(mock.url, { method: "POST", path: "/orders", headers: { "x-api-key": "k" }, body: { item: "tea", qty: 1 } })).status).toBe(400);
    } finally {
      await mock.close();
    }
  });
});

describe("codegen mock serves the contract and its reference page", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock(await model("fixtures/users.yaml"));
  });
  afterAll(() => mock.close());

  it("GET /openapi.json is the bundled contract", async () => {
    const reply = await send(mock.url, { method: "GET", path: "/openapi.json" });
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(reply.json()).toEqual((await model("fixtures/users.yaml")).typesSource);
  });

  it("GET /docs/ is a page whose assets are all served here (no CDN)", async () => {
    expect((await send(mock.url, { method: "GET", path: "/docs" })).headers.location).toBe("docs/");
    const page = await send(mock.url, { method: "GET", path: "/docs/" });
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const reply = await send(mock.url, { method: "GET", path: `/docs/${asset}` });
      expect(reply.status, asset).toBe(200);
    }
    expect((await send(mock.url, { method: "GET", path: "/docs/../package.json" })).status).not.toBe(200);
  });
});

describe("the codegen mock command", () => {
  it("starts on a free port, prints where, and stops on SIGTERM with exit 0", async () => {
    const child = spawn(process.execPath, [CLI, "mock", "fixtures/users.yaml", "--port", "0", "--seed", "7"], { cwd: ROOT, env: childEnv() });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        const match = /at (http:\/\/127\.0\.0\.1:\d+)\/v1 · seed 7 · ready in \d+ ms/.exec(out);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once("exit", () => reject(new Error(`exited: ${out}`)));
    });
    const reply = await send(url, { method: "GET", path: "/v1/users/3", headers: { authorization: "Bearer t" } });
    expect(reply.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", (exitCode) => resolve(exitCode));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
  });

  it("without a spec, serves every API of the config file with its mock settings", async () => {
    const dir = tempDir();
    const apis = [
      { spec: join(ROOT, "fixtures/users.yaml"), output: "out/users", mock: { port: 0, seed: 3 } },
      { spec: join(ROOT, "fixtures/petstore.yaml"), output: "out/pets", mock: { port: 0 } },
    ];
    writeFileSync(join(dir, "codegen.config.json"), JSON.stringify({ apis }));
    const child = spawn(process.execPath, [CLI, "mock"], { cwd: dir, env: childEnv() });
    let out = "";
    const urls = await new Promise<string[]>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        const found = [...out.matchAll(/at (http:\/\/127\.0\.0\.1:\d+)(\S*) · seed (\d+)/g)].map((match) => `${match[1]}${match[2]} ${match[3]}`);
        if (found.length === 2 && out.includes("Ctrl-C to stop")) resolve(found);
      });
      child.once("exit", () => reject(new Error(`exited: ${out}`)));
    });
    try {
      const [users = "", pets = ""] = urls;
      expect(users).toMatch(/\/v1 3$/);
      expect(pets).toMatch(/ 1$/);
      expect((await send(users.split(/[ ]/)[0]!.replace(/\/v1$/, ""), { method: "GET", path: "/v1/users/1", headers: { authorization: "Bearer t" } })).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a bad spec or option with exit 2 and a clear message", () => {
    const badSpec = runCli(["mock", "fixtures/invalid/malformed.yaml", "--port", "0"]);
    expect(badSpec.status).toBe(2);
    expect(badSpec.stderr).not.toMatch(/\n\s+at /);
    const badPort = runCli(["mock", "fixtures/users.yaml", "--port", "http"]);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number from 0 to 65535");
  });
});
