import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { expect } from "vitest";
import { ROOT, spawnTypeScript } from "../helpers.js";

export type Child = { url: string; child: ChildProcess; adapter: string };

/** A test server in a child process on `adapter`, sharing state through `redis` (see test/server/redis-connection.ts). */
export async function startChild(script: "limits-server" | "idempotency-server", adapter: string, redis: string, ...args: string[]): Promise<Child> {
  const child = spawnTypeScript(join(ROOT, `test/server/${script}.ts`), [redis, ...args], { cwd: ROOT, env: { ...process.env, SERVER_ADAPTER: adapter } });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /port (\d+) on (\w+)/.exec(output);
      if (found && found[2] === adapter) resolve(Number(found[1]));
      else if (found) reject(new Error(`the child serves on ${found[2]}, not ${adapter}`));
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, adapter };
}

export function request(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: string, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sent = http.request({ hostname, port, path, method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    sent.on("error", reject);
    sent.end(body);
  });
}


/** Something done to Redis `at` milliseconds into the load: a kill, a restart. */
export interface Disruption {
  at: number;
  act: () => unknown;
}

/**
 * Steady load for 14 s from a bounded loop (loopback only): a fail-closed limit (`/strict`), a
 * fail-open one (`/by-client`) and keyed POSTs, each key sent twice; the disruptions happen on
 * schedule. Then what every outage must leave true: no request hung past 3 s; the fail-closed
 * limit answered 503 with Retry-After during the gap; the fail-open one admitted and reported the
 * outage once; no keyed handler ran twice, and a key whose record could not be read or written was
 * refused; everything answers again a second after the gap, without a restart of the servers.
 */
export async function expectOutageSurvived(
  limits: Child,
  orders: Child,
  limitsOutput: readonly string[],
  ordersOutput: readonly string[],
  disruptions: readonly Disruption[],
): Promise<{ summary: string; killedAt: number; window: string }> {
  type Outcome = { at: number; took: number; status: number; retryAfter: string | undefined; kind: string; key?: string };
  const outcomes: Outcome[] = [];
  const started = Date.now();
  const pending = [...disruptions];
  const happened: number[] = [];
  const timed = async (kind: string, send: () => Promise<{ status: number; headers: http.IncomingHttpHeaders }>, key?: string) => {
    const at = Date.now() - started;
    const reply = await Promise.race([send(), new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve) => setTimeout(() => resolve({ status: 0, headers: {} }), 3_000))]);
    outcomes.push({ at, took: Date.now() - started - at, status: reply.status, retryAfter: reply.headers["retry-after"] as string | undefined, kind, ...(key === undefined ? {} : { key }) });
  };
  let round = 0;
  while (Date.now() - started < 14_000) {
    while (pending.length > 0 && Date.now() - started > (pending[0] as Disruption).at) {
      happened.push(Date.now() - started);
      void (pending.shift() as Disruption).act();
    }
    round += 1;
    const key = `fo-${round}`;
    const body = JSON.stringify({ item: key, qty: 1 });
    const post = () => request(orders.url, "POST", "/orders", { "x-api-key": "tenant-a", "idempotency-key": key }, body);
    await Promise.all([
      timed("strict", () => request(limits.url, "GET", "/strict")),
      timed("open", () => request(limits.url, "GET", "/by-client", { "x-client-id": `client-${round % 20}` })),
      // Each key sent twice: the retry must replay, or be refused, never run again.
      timed("order", post, key).then(() => timed("order", post, key)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  expect(outcomes.filter((outcome) => outcome.status === 0)).toEqual([]);
  const strict = outcomes.filter((outcome) => outcome.kind === "strict");
  const refused = strict.filter((outcome) => outcome.status === 503);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((outcome) => outcome.retryAfter === "1")).toBe(true);
  const lastRefusal = Math.max(...refused.map((outcome) => outcome.at + outcome.took));
  const open = outcomes.filter((outcome) => outcome.kind === "open");
  expect(open.filter((outcome) => outcome.status !== 200 && outcome.status !== 429)).toEqual([]);
  expect(limitsOutput.filter((line) => line.startsWith("store-error"))).toHaveLength(1);
  const runs = ordersOutput.filter((line) => line.startsWith("ran "));
  expect(runs.filter((line) => !line.endsWith(" 1"))).toEqual([]);
  const orderStatuses = new Set(outcomes.filter((outcome) => outcome.kind === "order").map((outcome) => outcome.status));
  expect([...orderStatuses].every((status) => status === 201 || status === 503 || status === 409)).toBe(true);
  const after = outcomes.filter((outcome) => outcome.at > lastRefusal + 1_000);
  expect(after.length).toBeGreaterThan(10);
  expect(after.filter((outcome) => outcome.kind === "strict").every((outcome) => outcome.status === 200)).toBe(true);
  expect(after.filter((outcome) => outcome.kind === "order").every((outcome) => outcome.status === 201)).toBe(true);
  const count = (kind: string) =>
    JSON.stringify(Object.fromEntries([...new Set(outcomes.filter((o) => o.kind === kind).map((o) => o.status))].map((status) => [status, outcomes.filter((o) => o.kind === kind && o.status === status).length])));
  const killedAt = happened[0] ?? 0;
  return {
    killedAt,
    window: `${Math.min(...refused.map((o) => o.at))}–${lastRefusal} ms (${lastRefusal - killedAt} ms after the kill)`,
    summary: `slowest request ${Math.max(...outcomes.map((o) => o.took))} ms; strict ${count("strict")}, fail-open ${count("open")}, keyed POSTs ${count("order")}; handler runs ${runs.length}, none twice`,
  };
}

/** Every line a child server prints on stdout from now on, collected as it comes. */
export function stdoutLines(child: Child): string[] {
  const lines: string[] = [];
  child.child.stdout?.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
  return lines;
}
