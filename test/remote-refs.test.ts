import { createServer, type Server } from "node:http";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync, tempDir } from "./helpers.js";

/** A local HTTP server (loopback only) serving one schema file, counting requests. */
let server: Server;
let requests = 0;
let specDir: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    requests++;
    response.setHeader("content-type", "application/yaml");
    response.end("type: object\nrequired: [id]\nproperties:\n  id:\n    type: string\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  specDir = tempDir();
  writeFileSync(
    join(specDir, "openapi.yaml"),
    [
      "openapi: 3.0.3",
      "info: {title: Remote, version: 1.0.0}",
      "paths:",
      "  /things:",
      "    get:",
      "      operationId: listThings",
      "      responses:",
      '        "200":',
      "          description: Things.",
      "          content:",
      "            application/json:",
      "              schema:",
      `                $ref: "http://127.0.0.1:${port}/thing.yaml"`,
      "",
    ].join("\n"),
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("remote $refs", () => {
  it("are refused by default without any request being made", async () => {
    const result = await runCliAsync(["openapi.yaml", "-o", "api"], specDir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/remote \$ref refused/);
    expect(result.stderr).toMatch(/--allow-remote/);
    expect(requests).toBe(0);
  });

  it("are fetched and bundled with --allow-remote-refs", async () => {
    const result = await runCliAsync(["openapi.yaml", "-o", "api", "--allow-remote-refs"], specDir);
    expect(result.status, result.stderr).toBe(0);
    expect(requests).toBeGreaterThan(0);
  });
});
