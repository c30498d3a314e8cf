import { createServer } from "node:net";
import { expect, it } from "vitest";
import { onFreePorts, portTaken } from "./redis-server.js";

/** The tests' servers (redis-server, Prism, workerd, Bun, Deno) start on ports found free, again elsewhere when one was taken meanwhile. */
it("starts again on other ports when a port was taken between the check and the bind", async () => {
  const tried: number[][] = [];
  const ports = await onFreePorts(2, async (free) => {
    tried.push(free);
    if (tried.length === 1) {
      // Another process takes the first port before the start binds it.
      const thief = createServer();
      await new Promise<void>((resolve) => thief.listen(free[0], "127.0.0.1", resolve));
      try {
        await new Promise<void>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(free[0], "127.0.0.1", () => server.close(() => resolve()));
        });
      } finally {
        await new Promise((resolve) => thief.close(resolve));
      }
    }
    return free;
  });
  expect(tried).toHaveLength(2);
  expect(ports).toEqual(tried[1]);
  expect(new Set(ports).size).toBe(2);
});

it("passes any other failure on at once, and gives up after its attempts", async () => {
  let calls = 0;
  await expect(onFreePorts(1, async () => (calls++, Promise.reject(new Error("spawn ENOENT"))))).rejects.toThrow("ENOENT");
  expect(calls).toBe(1);
  calls = 0;
  await expect(onFreePorts(1, async () => (calls++, Promise.reject(new Error("AddrInUse: Address already in use (os error 98)"))), 3)).rejects.toThrow("in use");
  expect(calls).toBe(3);
  expect(portTaken(new Error("bind: Address already in use"))).toBe(true);
});
