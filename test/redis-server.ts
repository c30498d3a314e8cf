import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether a start failed because its port was taken after `freePort` found it free. */
export function portTaken(error: unknown): boolean {
  return /address already in use|EADDRINUSE|AddrInUse/i.test(error instanceof Error ? error.message : String(error));
}

/**
 * Starts something on ports `freePort` found free, and again on other ports when one was taken in
 * between: finding a port free and binding it are two steps, and tests running in parallel take
 * ports too.
 */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    try {
      return await start(ports);
    } catch (error) {
      if (attempt >= attempts || !portTaken(error)) throw error;
    }
  }
}

export function redisAvailable(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
}

/** Starts `redis-server` on loopback with no persistence (and `args`), once it accepts connections. */
export async function spawnRedis(port: number, args: string[] = []): Promise<ChildProcess> {
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
  return child;
}

/** Starts a throwaway `redis-server` (no persistence) on a free port and waits until it accepts connections. */
export async function startRedis(port?: number): Promise<RedisServer> {
  const { chosen, child } =
    port === undefined
      ? await onFreePorts(1, async ([free = 0]) => ({ chosen: free, child: await spawnRedis(free) }))
      : { chosen: port, child: await spawnRedis(port) };
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
