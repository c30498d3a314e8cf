import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, runTsc, runTypeScript, spawnTypeScript } from "./helpers.js";

/** The README's "server in five minutes", run as written (in `.tmp/` instead of `example/`). */
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("## A server in five minutes"), README.indexOf("### Rate limits, idempotency and pagination"));
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1], code: match[2] ?? "" }));
const DIR = ".tmp/readme-example";

describe("the README example app", () => {
  afterAll(() => rmSync(join(ROOT, DIR), { recursive: true, force: true }));

  it("generates, type-checks and serves what the README says", { timeout: 120_000 }, async () => {
    expect(blocks.map((block) => block.lang)).toEqual(["sh", "ts", "sh", "ts", "sh"]);
    const [generate, server, run, clientCode, runClient] = blocks.map((block) => block.code.replaceAll("example/", `${DIR}/`));
    rmSync(join(ROOT, DIR), { recursive: true, force: true });
    mkdirSync(join(ROOT, DIR), { recursive: true });
    const args = (generate ?? "").trim().replace(/^npx codegen /, "").split(/\s+/);
    const generated = runCli(args);
    expect(generated.status, generated.stderr).toBe(0);
    writeFileSync(join(ROOT, DIR, "server.ts"), server ?? "");
    writeFileSync(join(ROOT, DIR, "client.ts"), clientCode ?? "");

    const tsc = runTsc(["--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", join(DIR, "server.ts"), join(DIR, "client.ts")]);
    expect(tsc.stdout + tsc.stderr).toBe("");

    const start = (run ?? "").split("\n")[0]?.trim() ?? "";
    expect(start).toBe(`npx tsx ${DIR}/server.ts`);
    const child = spawnTypeScript(`${DIR}/server.ts`, [], { cwd: ROOT, env: { ...process.env, PORT: "0" } });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout?.on("data", (chunk: Buffer) => {
          const found = /port: (\d+)/.exec(chunk.toString());
          if (found) resolve(Number(found[1]));
        });
        child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const auth = { authorization: "Bearer demo" };
      const one = await fetch(`${base}/v1/users/1`, { headers: auth });
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({ success: true, data: { id: 1, name: "Ada Lovelace" } });
      const bad = await fetch(`${base}/v1/users/x`, { headers: auth });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { details: [{ location: "path", pointer: "/userId", message: "must be integer" }] } });
      const anonymous = await fetch(`${base}/v1/users`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="api"');
      const list = await fetch(`${base}/v1/users`, { headers: auth });
      expect(await list.json()).toMatchObject({ pagination: { page: 1, per_page: 20 } });
      const scaffolded = await fetch(`${base}/v1/users/1`, { method: "DELETE", headers: auth });
      expect(scaffolded.status).toBe(501);
      expect(await scaffolded.json()).toMatchObject({ success: false, error: { code: "NOT_IMPLEMENTED" } });

      expect((runClient ?? "").trim()).toBe(`npx tsx ${DIR}/client.ts`);
      writeFileSync(join(ROOT, DIR, "client.ts"), (clientCode ?? "").replace("http://localhost:3000", base));
      const client = runTypeScript(`${DIR}/client.ts`, [], { cwd: ROOT, encoding: "utf8" });
      expect(client.stderr).toBe("");
      expect(client.stdout.split("\n").filter(Boolean)).toEqual([
        "user 1: Ada Lovelace",
        "listed: ada@example.com",
        expect.stringMatching(/^no user 99: NOT_FOUND [0-9a-f-]{36}$/),
      ]);
    } finally {
      child.kill();
    }
  });
});

describe("the README's pagination example", () => {
  it("shows lines `validate` prints", () => {
    const part = README.slice(README.indexOf("### Pagination: where the next page comes from"), README.indexOf("The generated server also answers some requests itself"));
    const [command, output] = [...part.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => match[2] ?? "");
    const args = (command ?? "").trim().replace(/^npx codegen /, "").split(/\s+/);
    const result = runCli(args);
    expect(result.status, result.stderr).toBe(0);
    const lines = (output ?? "").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(result.stdout.split("\n")).toContain(line);
  });
});

describe("the README's commands on the bundled fixtures", () => {
  // Every `npx codegen …` line that names a bundled fixture, the first command among them.
  const commands = [...README.matchAll(/npx codegen ([^\n`]*fixtures\/[^\n`]*)/g)].map((match) => (match[1] ?? "").trim());

  it("finds the first command, which installs and generates the users fixture", () => {
    expect(README.split("\n").slice(0, 12).join("\n")).toContain("npm install && npx codegen fixtures/users.yaml -o out/users");
    expect(commands[0]).toBe("fixtures/users.yaml -o out/users");
  });

  it.each(commands.map((command) => [command]))("codegen %s: succeeds with no warning", (command) => {
    const out = join(ROOT, ".tmp", `readme-${Math.abs([...command].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) | 0, 7))}`);
    const args = command.split(/\s+/).map((arg, index, all) => (all[index - 1] === "-o" || all[index - 1] === "--scaffold" ? join(out, arg) : arg));
    try {
      const result = runCli(args);
      expect(result.status, result.stderr).toBe(0);
      expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/warning:/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
