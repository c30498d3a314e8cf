import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "../../src/ir/build-model.js";
import { loadSpec } from "../../src/load/load.js";
import { valueAtPointer } from "../../src/pointer.js";
import { CLI, ROOT, runCli, tempDir } from "../helpers.js";

const USERS = readFileSync(join(ROOT, "fixtures", "users.yaml"), "utf8");

interface JsonChange {
  severity: string;
  rule: string;
  operations: Array<{ operationId: string | null; method: string; path: string }>;
  location: string;
  basePointer: string;
  headPointer: string;
  message: string;
  impact: string | null;
}

let dir: string;
let base: string;
let head: string;

beforeAll(() => {
  dir = tempDir("codegen-diff-cli-");
  base = join(dir, "base.yaml");
  head = join(dir, "head.yaml");
  writeFileSync(base, USERS);
  // The search term gets shorter (a request narrows), a query parameter is added (safe).
  const changed = USERS.replace(/name: q\n(\s+)in: query\n/, (match) => match).replace("            maxLength: 100\n        - name: role", "            maxLength: 40\n        - name: role");
  expect(changed).not.toBe(USERS);
  writeFileSync(head, changed);
});

function diff(args: string[], cwd = dir): { status: number | null; stdout: string; stderr: string } {
  return runCli(["diff", ...args], cwd);
}

describe("codegen diff on the command line", () => {
  it("prints a summary and the change grouped by operation, and exits 1 on a breaking change", () => {
    const result = diff(["base.yaml", "head.yaml"]);
    expect(result.status).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("base.yaml → head.yaml");
    expect(lines[1]).toMatch(/^1 breaking \(1 operation\) · 0 policy · 0 sdk · 0 notice · 0 safe$/);
    expect(result.stdout).toContain("listUsers (GET /users)");
    expect(result.stdout).toMatch(/breaking query\.q: maxLength 100 → 40 — breaks clients that send strings longer than 40 \[request-parameter-max-length-decreased\]/);
    expect(result.stdout).toContain("base #/paths/~1users/get/parameters/3/schema · head #/paths/~1users/get/parameters/3/schema");
  });

  it("exits by --fail-on: 0 when the severity is not listed, 0 with none, 2 for an unknown one", () => {
    expect(diff(["base.yaml", "head.yaml", "--fail-on", "policy,sdk"]).status).toBe(0);
    expect(diff(["base.yaml", "head.yaml", "--fail-on", "none"]).status).toBe(0);
    expect(diff(["base.yaml", "base.yaml"]).status).toBe(0);
    const bad = diff(["base.yaml", "head.yaml", "--fail-on", "fatal"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown severity "fatal" in --fail-on');
  });

  it("writes JSON that its shipped schema accepts, with pointers that exist on each side", async () => {
    const result = diff(["base.yaml", "head.yaml", "--format", "json"]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { diffs: Array<{ changes: JsonChange[] }> };
    const schema = JSON.parse(readFileSync(join(ROOT, "diff-report.schema.json"), "utf8")) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const [first] = report.diffs;
    expect(first?.changes).toEqual([
      expect.objectContaining({ severity: "breaking", rule: "request-parameter-max-length-decreased", operations: [{ operationId: "listUsers", method: "get", path: "/users" }], location: "query.q" }),
    ]);
    const baseDocument = (await loadSpec(base, { allowRemote: false })).document;
    const headDocument = (await loadSpec(head, { allowRemote: false })).document;
    for (const change of first?.changes ?? []) {
      expect(valueAtPointer(baseDocument, change.basePointer)).toBeDefined();
      expect(valueAtPointer(headDocument, change.headPointer)).toBeDefined();
    }
  });

  it("writes a pull-request comment in Markdown", () => {
    const result = diff(["base.yaml", "head.yaml", "--format", "markdown"]);
    expect(result.stdout).toContain("| breaking | 1 | 1 |");
    expect(result.stdout).toContain("❌ 1 breaking");
    expect(result.stdout).toMatch(/<details><summary>listUsers \(GET \/users\) — 1 change<\/summary>/);
    expect(result.stdout).toContain("`request-parameter-max-length-decreased`");
  });

  it("annotates the head document's line for GitHub Actions", () => {
    const result = diff(["base.yaml", "head.yaml", "--format", "github"]);
    const line = head === "" ? 0 : readFileSync(head, "utf8").split("\n").findIndex((text) => text.includes("maxLength: 40")) + 1;
    const [annotation] = result.stdout.split("\n");
    const match = /^::error file=head\.yaml,line=(\d+),title=breaking%3A request-parameter-max-length-decreased::listUsers \(GET \/users\) query\.q: maxLength 100 → 40/.exec(annotation ?? "");
    expect(match, annotation).not.toBeNull();
    // The pointer names the parameter's schema, written two lines above its maxLength.
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(line - 3);
    expect(Number(match?.[1])).toBeLessThanOrEqual(line);
  });

  it("reads one side from standard input", () => {
    const result = spawnSync(process.execPath, [CLI, "diff", "base.yaml", "-"], { cwd: dir, input: readFileSync(head), encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe("base.yaml → <stdin>");
  });

  it("refuses bad input with exit 2 and names the file and pointer", () => {
    const both = diff(["-", "-"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("only one side can be standard input");
    const one = diff(["base.yaml"]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain("codegen diff needs two versions of the contract");
    const format = diff(["base.yaml", "head.yaml", "--format", "xml"]);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format "xml"');
    writeFileSync(join(dir, "broken.yaml"), USERS.replace("operationId: listUsers", "operationId: [1]"));
    const broken = diff(["base.yaml", "broken.yaml"]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^error: /);
    expect(broken.stderr).toContain("broken.yaml");
    expect(broken.stderr).not.toContain("    at ");
    expect(diff(["base.yaml", "missing.yaml"]).stderr).toContain("missing.yaml");
  });
});

describe("codegen diff with git revisions", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });

  beforeAll(() => {
    repo = tempDir("codegen-diff-git-");
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "Test");
    mkdirSync(join(repo, "api", "schemas"), { recursive: true });
    writeFileSync(
      join(repo, "api", "openapi.yaml"),
      'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  /things:\n    post:\n      operationId: createThing\n      requestBody:\n        content:\n          application/json:\n            schema: { $ref: "schemas/thing.yaml" }\n      responses:\n        "201": { description: created }\n',
    );
    writeFileSync(join(repo, "api", "schemas", "thing.yaml"), "type: object\nproperties:\n  name: { type: string, maxLength: 100 }\n");
    writeFileSync(join(repo, "codegen.config.json"), JSON.stringify({ apis: [{ spec: "api/openapi.yaml", output: "src/api" }] }));
    git("add", "-A");
    git("commit", "-q", "-m", "first");
    // Only the referenced file changes in the second commit.
    writeFileSync(join(repo, "api", "schemas", "thing.yaml"), "type: object\nproperties:\n  name: { type: string, maxLength: 100 }\n  shelf: { type: string, enum: [top, bottom] }\nrequired: [shelf]\n");
    git("add", "-A");
    git("commit", "-q", "-m", "second");
  });

  it("reads each side and the files its $refs reach at a revision, leaving the working tree alone", () => {
    writeFileSync(join(repo, "api", "schemas", "thing.yaml"), "type: object\nproperties:\n  name: { type: integer }\n");
    const result = runCli(["diff", "git:HEAD~1:api/openapi.yaml", "git:HEAD:api/openapi.yaml", "--format", "json"], repo);
    expect(result.status, result.stderr).toBe(1);
    const [report] = (JSON.parse(result.stdout) as { diffs: Array<{ base: string; head: string; changes: JsonChange[] }> }).diffs;
    expect(report?.base).toBe("git:HEAD~1:api/openapi.yaml");
    expect(report?.changes.map((change) => [change.rule, change.location])).toEqual([["request-body-required-property-added", "request.body.shelf"]]);
    // The edit in the working tree is neither read nor touched.
    expect(git("status", "--porcelain")).toBe(" M api/schemas/thing.yaml\n");
    git("checkout", "--", "api/schemas/thing.yaml");
  });

  it("compares a revision with the working tree, and every API of the config file with --base", () => {
    expect(runCli(["diff", "git:HEAD:api/openapi.yaml", "api/openapi.yaml"], repo).status).toBe(0);
    const config = runCli(["diff", "--base", "HEAD~1"], repo);
    expect(config.status).toBe(1);
    expect(config.stdout.split("\n")[0]).toBe("git:HEAD~1:api/openapi.yaml → api/openapi.yaml");
    expect(config.stdout).toContain("[request-body-required-property-added]");
    expect(runCli(["diff", "--base", "HEAD"], repo).status).toBe(0);
  });

  it("names an unknown revision or path with exit 2", () => {
    const revision = runCli(["diff", "git:no-such-branch:api/openapi.yaml", "api/openapi.yaml"], repo);
    expect(revision.status).toBe(2);
    expect(revision.stderr).toContain("git:no-such-branch:api/openapi.yaml");
    const path = runCli(["diff", "git:HEAD:api/missing.yaml", "api/openapi.yaml"], repo);
    expect(path.status).toBe(2);
    expect(path.stderr).toContain("git:HEAD:api/missing.yaml");
    expect(path.stderr).not.toContain("    at ");
  });
});

describe("codegen diff output with hostile spec text", () => {
  const name = "\u001b[2J<script>alert(1)</script>`|*_\u2028x\r\ny%0A";
  let hostile: string;
  beforeAll(() => {
    hostile = tempDir("codegen-diff-hostile-");
    const document = (properties: object) => ({
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: { "/things": { get: { operationId: "get\u0007Things", responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties } } } } } } } },
    });
    writeFileSync(join(hostile, "base.json"), JSON.stringify(document({ [name]: { type: "string" }, kept: { type: "string" } })));
    writeFileSync(join(hostile, "head.json"), JSON.stringify(document({ kept: { type: "string" } })));
  });

  it.each(["human", "markdown", "github", "json"])("--format %s prints no control character, and Markdown no markup, from spec text", (format) => {
    const result = runCli(["diff", "base.json", "head.json", "--format", format], hostile);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain("removed");
    // (JSON escapes control characters itself; U+2028 is valid JSON.)
    expect(result.stdout).not.toMatch(format === "json" ? /[\u0000-\u0009\u000b-\u001f]/ : /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    // Outside code spans (where Markdown shows text as it is), no markup from the spec.
    if (format === "markdown") expect(result.stdout.replace(/(`+)[^`][\s\S]*?\1/g, "")).not.toContain("<script");
    if (format === "github") for (const line of result.stdout.trim().split("\n")) expect(line).toMatch(/^::(error|warning|notice) /);
    if (format === "json") expect(JSON.parse(result.stdout).diffs[0].changes[0].location).toContain(name);
  });
});
