import fc from "fast-check";
import { sendRaw } from "../server/raw.js";
import { HandlerRuns, judge } from "./properties.js";
import { requestFrom, type WireRequest } from "./requests.js";
import type { Target } from "./targets.js";

export interface FuzzFigures {
  requests: number;
  /** Replies per status, across every target. */
  statuses: Map<number, number>;
  /** The first failure fast-check found (shrunk), or none. */
  failure: string | undefined;
}

/**
 * Sends generated and mutated requests to every target, a few at a time and concurrently (so
 * duplicates race), and checks each reply: no dropped connection or dead process, no 5xx unless a
 * handler was at fault, only declared or implied statuses, and idempotent handlers run at most
 * once per key and principal.
 */
export async function fuzzRequests(targets: readonly Target[], options: { numRuns: number; seed: number }): Promise<FuzzFigures> {
  const figures: FuzzFigures = { requests: 0, statuses: new Map(), failure: undefined };
  const runs = new HandlerRuns();
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  process.on("unhandledRejection", onCrash);
  process.on("uncaughtException", onCrash);
  const batch = fc.oneof(...targets.map((target) => fc.tuple(fc.constant(target), fc.array(requestFrom(target.app.calls), { minLength: 1, maxLength: 4 }))));
  try {
    const result = await fc.check(
      fc.asyncProperty(batch, async ([target, requests]) => {
        const replies = await Promise.all(requests.map((request) => send(target, request)));
        figures.requests += requests.length;
        const problems = replies.flatMap((reply, index) => {
          if (reply !== undefined) figures.statuses.set(reply.status, (figures.statuses.get(reply.status) ?? 0) + 1);
          const request = requests[index] as WireRequest;
          return judge(target, request, reply, runs).map((problem) => `${target.name}: ${request.method} ${request.path.slice(0, 200)}: ${problem}`);
        });
        if (crashes.length > 0) problems.push(`the process saw an unhandled error: ${String(crashes[0])}`);
        if (problems.length > 0) throw new Error(problems.join("\n"));
      }),
      { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
    );
    if (result.failed) {
      const [target, requests] = result.counterexample?.[0] ?? [undefined, []];
      figures.failure = `${String(result.errorInstance)}\ncounterexample (${target?.name ?? "?"}): ${JSON.stringify(requests.map((request) => ({ ...request, body: request.body?.toString("latin1").slice(0, 500) })))}`;
    }
  } finally {
    process.off("unhandledRejection", onCrash);
    process.off("uncaughtException", onCrash);
  }
  return figures;
}

function send(target: Target, request: WireRequest) {
  return sendRaw(target.url, { method: request.method, path: request.path, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
}
