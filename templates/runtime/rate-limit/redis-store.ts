import { burstOf, type Decision, type RateLimitPolicy, type RateLimitStore } from "./policy.js";
import { SCRIPTS } from "./scripts.js";

/**
 * The two Redis calls the stores need. Small on purpose: `ioredisClient()` and
 * `nodeRedisClient()` adapt the two common clients, and anything else fits in a few lines.
 */
export interface RedisScriptClient {
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

/** Adapts an ioredis client (`new Redis(...)`). */
export function ioredisClient(client: {
  evalsha(sha: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}): RedisScriptClient {
  return {
    evalsha: (sha, keys, args) => client.evalsha(sha, keys.length, ...keys, ...args),
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
  };
}

/** Adapts a node-redis v4+ client (`createClient(...)`). */
export function nodeRedisClient(client: {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}): RedisScriptClient {
  return {
    evalsha: (sha, keys, args) => client.evalSha(sha, { keys, arguments: args }),
    eval: (script, keys, args) => client.eval(script, { keys, arguments: args }),
  };
}

/** Runs a script by its SHA1 (one round trip), sending the source only when Redis answers NOSCRIPT. */
export async function runScript(
  client: RedisScriptClient,
  script: string,
  keys: string[],
  args: string[],
): Promise<unknown> {
  try {
    return await client.evalsha(await scriptSha(script), keys, args);
  } catch (error) {
    if (!String((error as Error)?.message ?? error).includes("NOSCRIPT")) throw error;
    return client.eval(script, keys, args);
  }
}

const SCRIPT_SHAS = new Map<string, Promise<string>>();

/** A script's SHA1, as `EVALSHA` names it; worked out once per script. */
function scriptSha(script: string): Promise<string> {
  let sha = SCRIPT_SHAS.get(script);
  if (sha === undefined) {
    sha = sha1(script);
    SCRIPT_SHAS.set(script, sha);
  }
  return sha;
}

/** SHA1 in hex, by Web Crypto. */
async function sha1(text: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)),
  );
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export interface RedisStoreOptions {
  /** Prefix of every key. Default `"rl:"`. */
  prefix?: string;
  /** Replaces Redis `TIME` — for tests that step through window edges only. */
  clock?: () => number;
}

/** Rate-limit state in Redis, shared by every process: one atomic script per check. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;
  readonly #clock: (() => number) | undefined;

  constructor(client: RedisScriptClient, options: RedisStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? "rl:";
    this.#clock = options.clock;
  }

  async check(key: string, policy: RateLimitPolicy): Promise<Decision> {
    const script = SCRIPTS[policy.algorithm];
    const name = `${this.#prefix}${policy.algorithm}:${key.length > 200 ? await sha1(key) : key}`;
    const args = [
      String(policy.limit),
      String(policy.windowMs),
      String(burstOf(policy)),
      this.#clock === undefined ? "" : String(this.#clock()),
      crypto.randomUUID(),
    ];
    const reply = (await runScript(this.#client, script, [name], args)) as number[];
    const [allowed, limit, remaining, resetMs, retryAfterMs] = reply.map(Number);
    return {
      allowed: allowed === 1,
      limit: limit ?? policy.limit,
      remaining: Math.max(0, remaining ?? 0),
      resetMs: Math.max(0, resetMs ?? 0),
      retryAfterMs: Math.max(0, retryAfterMs ?? 0),
    };
  }
}
