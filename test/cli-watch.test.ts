import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, ROOT, runCli, tempDir } from "./helpers.js";

/** A running `codegen --watch`, its output so far, and a way to wait for a line. */
class Watcher {
  readonly child: ChildProcess;
  out = "";
  err = "";

  constructor(args: string[], cwd: string) {
    this.child = spawn(process.execPath, [CLI, ...args, "--watch"], { cwd });
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (this.out += chunk));
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.err += chunk));
  }

  /** Resolves when stdout + stderr match `pattern` `count` times (fails the test after 20 s). */
  async until(pattern: RegExp, count = 1): Promise<void> {
    const global = new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`);
    for (const started = Date.now(); Date.now() - started < 20_000; ) {
      if ((`${this.out}${this.err}`.match(global) ?? []).length >= count) return;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`no ${pattern} (×${count}) in:\n${this.out}\n${this.err}`);
  }

  stop(): Promise<number | null> {
    return new Promise((done) => {
      if (this.child.exitCode !== null) return done(this.child.exitCode);
      this.child.once("exit", (code) => done(code));
      this.child.kill("SIGTERM");
    });
  }
}

const running: Watcher[] = [];
afterEach(async () => {
  for (const watcher of running.splice(0)) await watcher.stop();
});

describe("codegen --watch", () => {
  it("regenerates when a $ref'd file changes, reports errors and keeps watching, stops cleanly", { timeout: 90_000 }, async () => {
    const dir = tempDir();
    cpSync(join(ROOT, "fixtures", "multi-file"), join(dir, "spec"), { recursive: true });
    const watcher = new Watcher(["spec/openapi.yaml", "-o", "api"], dir);
    running.push(watcher);
    // The root and the four files its $refs reach.
    await watcher.until(/watching 5 files for changes/);
    expect(watcher.out).toMatch(/^codegen: \d+ written/m);
    const types = () => readFileSync(join(dir, "api", "types.ts"), "utf8");
    expect(types()).not.toContain("nickname");

    // An edit to a file the root only reaches through another file's $ref.
    const author = join(dir, "spec", "schemas", "author.yaml");
    const original = readFileSync(author, "utf8");
    writeFileSync(author, `${original}  nickname:\n    type: string\n`);
    await watcher.until(/changed: spec\/schemas\/author\.yaml/);
    await watcher.until(/^codegen: \d+ written/m, 2);
    expect(types()).toContain("nickname?: string;");

    // A broken file: the error is printed, the output is kept, and watching goes on.
    writeFileSync(author, "type: object\nproperties: [\n");
    await watcher.until(/^error: /m);
    expect(watcher.err).not.toMatch(/\n\s+at /);
    expect(types()).toContain("nickname?: string;");
    expect(watcher.child.exitCode).toBeNull();

    // Saved the way editors do, by replacing the file: seen too.
    writeFileSync(`${author}.tmp`, `${original}  alias:\n    type: string\n`);
    renameSync(`${author}.tmp`, author);
    await watcher.until(/^codegen: \d+ written/m, 3);
    expect(types()).toContain("alias?: string;");
    expect(types()).not.toContain("nickname");

    expect(await watcher.stop()).toBe(0);
  });

  it.each([
    [["-", "-o", "api", "--watch"], /--watch cannot watch standard input/],
    [["http://127.0.0.1:9/openapi.yaml", "-o", "api", "--allow-remote", "--watch"], /--watch cannot watch http:\/\/127\.0\.0\.1:9\/openapi\.yaml/],
    [["--watch"], /no spec given and no codegen\.config\.json here/],
  ])("%j exits 2 at once with a fix, instead of watching nothing", (args, message) => {
    const result = runCli(args, tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/fix: /);
  });

  it("watches the config file and every spec in it", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cpSync(join(ROOT, "fixtures", "petstore.yaml"), join(dir, "petstore.yaml"));
    const config = join(dir, "codegen.config.json");
    writeFileSync(config, JSON.stringify({ apis: [{ spec: "petstore.yaml", output: "api", targets: ["types"] }] }));
    const watcher = new Watcher([], dir);
    running.push(watcher);
    await watcher.until(/watching 2 files for changes/);
    expect(watcher.out).toMatch(/· types · .*→ api/);
    writeFileSync(config, JSON.stringify({ apis: [{ spec: "petstore.yaml", output: "api", targets: ["types", "client"] }] }));
    await watcher.until(/changed: codegen\.config\.json/);
    await watcher.until(/· types, client · .*→ api/);
    expect(readFileSync(join(dir, "api", "client", "index.ts"), "utf8")).toContain("export function createClient");
  });
});
