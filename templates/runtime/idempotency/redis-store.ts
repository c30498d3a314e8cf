import { runScript, type RedisScriptClient } from "../rate-limit/redis-store.js";
import type { BeginResult, IdempotencyStore, StoredResponse } from "./store.js";

/**
 * Each step is one Lua script on one key: `begin` is SET-NX-with-PX plus the look at an existing
 * record, atomically; `complete` and `release` check the owner token first. Every write carries
 * a TTL (the lease, then the replay TTL), so nothing outlives a crash.
 */
const BEGIN = `
local existing = redis.call('GET', KEYS[1])
if not existing then
  redis.call('SET', KEYS[1], cjson.encode({s = 'p', f = ARGV[1], t = ARGV[2]}), 'PX', ARGV[3])
  return {'acquired'}
end
local record = cjson.decode(existing)
if record.f ~= ARGV[1] then return {'mismatch'} end
if record.s == 'p' then return {'in-flight'} end
return {'replay', record.r}
`;

const COMPLETE = `
local existing = redis.call('GET', KEYS[1])
if not existing then return 0 end
local record = cjson.decode(existing)
if record.s ~= 'p' or record.t ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], cjson.encode({s = 'd', f = record.f, r = ARGV[2]}), 'PX', ARGV[3])
return 1
`;

const RELEASE = `
local existing = redis.call('GET', KEYS[1])
if not existing then return 0 end
local record = cjson.decode(existing)
if record.s == 'p' and record.t == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/** Idempotency records in Redis, shared by every process. */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;

  constructor(client: RedisScriptClient, options: { prefix?: string } = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? "idem:";
  }

  async begin(key: string, fingerprint: string, leaseMs: number): Promise<BeginResult> {
    const token = crypto.randomUUID();
    const reply = (await runScript(
      this.#client,
      BEGIN,
      [this.#prefix + key],
      [fingerprint, token, String(leaseMs)],
    )) as string[];
    switch (reply[0]) {
      case "acquired":
        return { kind: "acquired", token };
      case "mismatch":
        return { kind: "mismatch" };
      case "in-flight":
        return { kind: "in-flight" };
      default:
        return { kind: "replay", response: JSON.parse(reply[1] ?? "null") as StoredResponse };
    }
  }

  async complete(
    key: string,
    token: string,
    response: StoredResponse,
    ttlMs: number,
  ): Promise<boolean> {
    const reply = await runScript(
      this.#client,
      COMPLETE,
      [this.#prefix + key],
      [token, JSON.stringify(response), String(ttlMs)],
    );
    return Number(reply) === 1;
  }

  async release(key: string, token: string): Promise<void> {
    await runScript(this.#client, RELEASE, [this.#prefix + key], [token]);
  }
}
