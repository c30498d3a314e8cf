import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../helpers.js";
import { onFreePorts } from "../redis-server.js";

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
export function startPrismProxy(spec: string, upstream: string): Promise<PrismProxy> {
  return startPrism(["proxy", spec, upstream]);
}

/**
 * Starts `prism mock`: Prism serves the spec itself, answering from its examples (or schemas),
 * and refuses requests the spec does not allow (422 or 400, with the violations in the body).
 * Large specs take a while to load: `timeoutMs`.
 */
export function startPrismMock(spec: string, timeoutMs = 120_000): Promise<PrismProxy> {
  return startPrism(["mock", spec], timeoutMs);
}

function startPrism(args: string[], timeoutMs = 60_000): Promise<PrismProxy> {
  return onFreePorts(1, ([port = 0]) => startPrismOn(port, args, timeoutMs));
}

async function startPrismOn(port: number, args: string[], timeoutMs: number): Promise<PrismProxy> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "node_modules/@stoplight/prism-cli/dist/index.js"), ...args, "--port", String(port), "--host", "127.0.0.1"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`prism did not start:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const listen = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > 100_000) output = output.slice(-50_000);
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        child.stderr?.removeAllListeners("data");
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", listen);
    child.stderr?.on("data", listen);
    child.on("exit", (code) => reject(new Error(`prism exited with ${String(code)}:\n${output.slice(-2000)}`)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

/** The violations Prism attached to a reply (`sl-violations`), or none. */
export function violationsOf(header: string | string[] | undefined): Violation[] {
  const text = Array.isArray(header) ? header[0] : header;
  return text === undefined ? [] : (JSON.parse(text) as Violation[]);
}

