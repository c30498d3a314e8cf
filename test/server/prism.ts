import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "../helpers.js";

/** One contract violation Stoplight Prism reports in `sl-violations`. */
export interface Violation {
  location: string[];
  code: string | number;
  message: string;
  severity: string;
}

export interface PrismProxy {
  url: string;
  close(): void;
}

/**
 * Starts `prism proxy` (Stoplight Prism, a contract validator we did not write) in front of a
 * running server: every reply it forwards carries the request and response violations it found.
 */
export async function startPrismProxy(spec: string, upstream: string): Promise<PrismProxy> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "node_modules/@stoplight/prism-cli/dist/index.js"), "proxy", spec, upstream, "--port", String(port), "--host", "127.0.0.1"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`prism did not start:\n${output}`)), 60_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", listen);
    child.stderr?.on("data", listen);
    child.on("exit", (code) => reject(new Error(`prism exited with ${String(code)}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

/** The violations Prism attached to a reply (`sl-violations`), or none. */
export function violationsOf(header: string | string[] | undefined): Violation[] {
  const text = Array.isArray(header) ? header[0] : header;
  return text === undefined ? [] : (JSON.parse(text) as Violation[]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
