import { responseMediaType, type Route } from "./route.js";

/** How long one turn of building may hold the event loop, in milliseconds. */
export const PREBUILD_SLICE_MS = 2;

/**
 * How long building may take when the pipeline is made, before the server can listen, in
 * milliseconds: enough for a small contract's validators, cold, so its server answers its first
 * request at full speed, as a hand-written server that compiles its validators at startup does.
 */
export const PREBUILD_STARTUP_MS = 10;

/** Runs `step` later, on its own turn of the event loop; throws where the runtime allows no timer now. */
export type Schedule = (step: () => void) => void;

export interface PrebuildTiming {
  schedule?: Schedule;
  /** Building done at once, before this returns (default {@link PREBUILD_STARTUP_MS}). */
  startupMs?: number;
}

/**
 * Builds every operation's validators ahead of its first request: at once, for up to
 * {@link PREBUILD_STARTUP_MS} ms, then in the background, a turn of at most
 * {@link PREBUILD_SLICE_MS} ms at a time, so requests are served in between. The first request to
 * an operation then finds its validators built instead of building them itself, and a small
 * contract's are all built before the server listens. The first builds also pay for compiling the
 * builder itself (and the pattern engine), then at startup rather than in a turn a request may
 * wait on. The request's side always; the responses' with `validateResponses`. A validator that
 * fails to build is left for the request that needs it, which reports the failure as it always
 * has. Where the runtime allows no timer at startup (a Worker's global scope, where startup time
 * is a cold start), nothing is built ahead and each validator is built on first use, as before.
 * Resolves when every one has been tried.
 */
export function prebuildValidators(
  routes: readonly Route[],
  responses: boolean,
  { schedule = afterTimers, startupMs = PREBUILD_STARTUP_MS }: PrebuildTiming = {},
): Promise<void> {
  const builds = routes.flatMap((route) => buildsOf(route, responses));
  return new Promise((resolve) => {
    let next = 0;
    const buildFor = (ms: number): void => {
      const until = performance.now() + ms;
      while (next < builds.length && performance.now() < until) {
        try {
          (builds[next] as () => unknown)();
        } catch {
          // Left for the request that needs it (see above).
        }
        next++;
      }
    };
    const step = (): void => {
      buildFor(PREBUILD_SLICE_MS);
      if (next < builds.length) later(step, resolve);
      else resolve();
    };
    const later = (run: () => void, giveUp: () => void): boolean => {
      try {
        schedule(run);
        return true;
      } catch {
        giveUp();
        return false;
      }
    };
    // The rest is scheduled first: where no timer is allowed, nothing is built now either.
    if (later(step, resolve)) buildFor(startupMs);
  });
}

/** Each validator of one operation, as a call that builds it (and keeps it on the operation). */
function buildsOf(route: Route, responses: boolean): Array<() => unknown> {
  const { validators } = route;
  const builds: Array<() => unknown> = [];
  for (const [location] of route.parameterPlan.locations)
    builds.push(() => validators.parameters(location));
  for (const { declared } of route.bodyTypes) builds.push(() => validators.body(declared));
  if (responses)
    for (const key of Object.keys(route.responses))
      builds.push(() => validators.response(key, responseMediaType(route, key)));
  return builds;
}

/** A timer of 0 ms that does not keep a Node process alive. */
function afterTimers(step: () => void): void {
  const timer = setTimeout(step, 0) as unknown as { unref?: () => void };
  timer.unref?.();
}
