import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";

/** Two GETs on one URL, told apart only by the key's fragment: the shape of the holdout contract. */
const SHARED = `openapi: 3.0.3
info: { title: Box-like, version: "1" }
paths:
  /folders/{folder_id}:
    get:
      operationId: getFolder
      parameters: [{ name: folder_id, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
  /folders/{folder_id}#get_shared_link:
    get:
      parameters:
        - { name: folder_id, in: path, required: true, schema: { type: string } }
        - { name: fields, in: query, required: true, schema: { type: string, enum: [shared_link] } }
      responses: { "200": { description: ok } }
`;

describe("path keys two operations of one method share", () => {
  const dir = tempDir("codegen-shared-route-");
  writeFileSync(join(dir, "box.yaml"), SHARED);

  it("generates the client, which calls each without the fragment", () => {
    const result = runCli(["box.yaml", "-o", "api", "--target", "client"], dir);
    expect(result.status, result.stderr).toBe(0);
    const operations = readFileSync(join(dir, "api", "operations.ts"), "utf8");
    expect(operations).toContain('path: "/folders/{folder_id}",');
    expect(operations).not.toContain("#get_shared_link\",");
    // The unnamed operation is named after its whole key.
    expect(readFileSync(join(dir, "api", "client", "index.ts"), "utf8")).toContain("export function getFoldersByFolderIdGetSharedLink(");
  });

  it("warns in validate and refuses the server target with both places and a fix, writing nothing", () => {
    const validate = runCli(["validate", "box.yaml"], dir);
    expect(validate.status).toBe(0);
    expect(validate.stderr).toContain('GET "/folders/{folder_id}#get_shared_link" cannot be routed apart from GET "/folders/{folder_id}"');
    const server = runCli(["box.yaml", "-o", "server-api"], dir);
    expect(server.status).toBe(2);
    expect(server.stderr).toContain("cannot be routed apart");
    expect(server.stderr).toContain("#/paths/~1folders~1{folder_id}#get_shared_link/get");
    expect(server.stderr).toContain("--target types,client");
    expect(server.stderr).not.toContain("    at ");
    expect(() => readFileSync(join(dir, "server-api", "index.ts"))).toThrow();
  });
});
