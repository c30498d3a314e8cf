import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnTypeScript, tempDir } from "./helpers.js";

/** Whether a process with this id is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("child servers the tests start", () => {
  it("run in the process spawnTypeScript returns, so a SIGKILL stops the script itself (tsx's CLI would leave it running)", async () => {
    const script = join(tempDir(), "serve.ts");
    writeFileSync(script, 'const pid: number = process.pid;\nconsole.log(`pid ${pid}`);\nsetInterval(() => undefined, 1000);\n');
    const child = spawnTypeScript(script, [], { stdio: ["ignore", "pipe", "inherit"] });
    const pid = await new Promise<number>((resolve) => child.stdout?.on("data", (chunk: Buffer) => resolve(Number(/pid (\d+)/.exec(chunk.toString())?.[1]))));
    expect(pid).toBe(child.pid);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect(alive(pid)).toBe(false);
  });
});
