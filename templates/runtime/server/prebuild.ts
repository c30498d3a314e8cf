import { responseMediaType, type Route } from "./route.js";

/** How long one turn of building may hold the event loop, in milliseconds. */
export const PREBUILD_SLICE_MS = 2;

/** Runs `step` later, on its own turn of the event loop; throws where the runtime allows no timer now. */
export type Schedule = (step: () => void) => void;

/**
 * Builds every operation's validators in the background once the pipeline is made, a turn of at
 * most {@link PREBUILD_SLICE_MS} ms at a time, so requests are served in between: the first request
 * to an operation then finds its validators built (on a small contract, before any request comes)
 * instead of building them itself. The request's side always; the responses' with
 * `validateResponses`. A validator that fails to build is left for the request that needs it, which
 * reports the failure as it always has. Where the runtime allows no timer at startup (a Worker's
 * global scope), nothing is built ahead and each validator is built on first use, as before.
 * Resolves when every one has been tried.
 */
export function prebuildValidators(
  routes: readonly Route[],
  responses: boolean,
  schedule: Schedule = afterTimers,
): Promise<void> {
  const builds = routes.flatMap((route) => buildsOf(route, responses));
  return new Promise((resolve) => {
    let next = 0;
    const step = (): void => {
      const until = performance.now() + PREBUILD_SLICE_MS;
      while (next < builds.length && performance.now() < until) {
        try {
          (builds[next] as () => unknown)();
        } catch {
          // Left for the request that needs it (see above).
        }
        next++;
      }
      if (next < builds.length) later(step, resolve);
      else resolve();
    };
    const later = (run: () => void, giveUp: () => void): void => {
      try {
        schedule(run);
      } catch {
        giveUp();
      }
    };
    later(step, resolve);
  });
}

/** Each validator of one operation, as a call that builds it (and keeps it on the operation). */
function buildsOf(route: Route, responses: boolean): Array<() => unknown> {
  const { validators } = route;
  const builds: Array<() => unknown> = [];
  for (const location of route.parameterLocations)
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
